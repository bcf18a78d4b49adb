package io.participants.local;

import io.participants.api.FunctionCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode's API reference over loopback HTTP, in front of the real gateway and handler: the page, the OpenAPI
 * document it renders and its assets answer without a token, and the gateway's answers on the API's routes stay as
 * they were.
 */
class DocsPageIntegrationTest {

    /** Where the page loads a script, a style or an icon from. */
    private static final Pattern ASSET = Pattern.compile("\"(/docs/res/[^\"]+)\"");

    @TempDir
    static Path dataDir;

    private static LocalApi api;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @BeforeAll
    static void start() {
        api = LocalApi.start(LocalOptions.parse(
                new String[] {"serve", "--port", "0", "--in-memory", "--data-dir", dataDir.toString()}, Map.of()));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/docs", "/docs/"})
    void thePageIsHtmlThatLoadsEverythingFromLocalMode(String path) throws Exception {
        HttpResponse<String> page = get(path, null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(DocsPage.CONTENT_SECURITY_POLICY);
        assertThat(page.body()).startsWith("<!doctype html>").contains("<div id='swagger-ui'>")
                .contains("url: contextPath + '/docs/openapi.yml'")
                // micronaut-openapi's default: no badge image from validator.swagger.io
                .contains("validatorUrl: null")
                .doesNotContain("//cdn", "unpkg.com", "jsdelivr");
        Matcher assets = ASSET.matcher(page.body());
        int found = 0;
        while (assets.find()) {
            found++;
            HttpResponse<String> asset = get(assets.group(1), null);
            assertThat(asset.statusCode()).as(assets.group(1)).isEqualTo(200);
            assertThat(asset.body()).as(assets.group(1)).isNotEmpty();
        }
        assertThat(found).as("scripts, style and icons of the page").isGreaterThanOrEqualTo(4);
        HttpResponse<String> script = get("/docs/res/swagger-ui-bundle.js", null);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void theDocumentIsTheGeneratedOneWithTheBearerSchemeAndNoOtherServer() throws Exception {
        HttpResponse<String> document = get(DocsPage.DOCUMENT_PATH, null);

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Type")).hasValue("application/yaml; charset=utf-8");
        try (InputStream generated = getClass().getClassLoader().getResourceAsStream(DocsPage.DOCUMENT)) {
            assertThat(generated).as(DocsPage.DOCUMENT + " from the api module").isNotNull();
            assertThat(document.body()).isEqualTo(new String(generated.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(document.body()).startsWith("openapi: 3.")
                .contains("securitySchemes:\n    bearer:\n      type: http\n      scheme: bearer\n"
                        + "      bearerFormat: JWT\n")
                .contains("\nsecurity:\n- bearer: []\n")
                // no servers: Swagger UI's "try it" calls the origin the document came from, this local mode
                .doesNotContain("\nservers:");
        for (FunctionCatalog.Function function : FunctionCatalog.FUNCTIONS) {
            assertThat(document.body()).as(function.name()).contains("\n  " + function.path() + ":\n");
        }
    }

    @Test
    void theReferenceNeedsNoTokenAndIgnoresABadOne() throws Exception {
        for (String path : List.of("/docs", DocsPage.DOCUMENT_PATH, "/docs/res/swagger-ui.css")) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(200);
            assertThat(get(path, "not-a-token").statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theApiRoutesAnswerAsTheGatewayDoes() throws Exception {
        HttpResponse<String> anonymous = get("/v1/tenants/acme/participants", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        for (String path : List.of("/doc", "/docsx", "/v1/docs", "/swagger/participants-api-1.yml")) {
            HttpResponse<String> unknown = get(path, null);
            assertThat(unknown.statusCode()).as(path).isEqualTo(404);
            assertThat(unknown.body()).as(path).isEqualTo("{\"message\":\"Not Found\"}");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/docs/nothing", "/docs/res/", "/docs/res/nothing.js", "/docs/res/%2e%2e%2fopenapi.yml",
        "/docs/res/..%2F..%2Fapplication.properties", "/docs/res/.hidden", "/docs/res/sub/index.css",
        "/docs/openapi.yml/", "/docs/META-INF/swagger/participants-api-1.yml"})
    void nothingButThePageItsDocumentAndItsAssetsIsServed(String path) throws Exception {
        HttpResponse<String> response = get(path, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void thePageOnlyAnswersReads() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/docs"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(uri(DocsPage.DOCUMENT_PATH))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(post.body()).isEqualTo("{\"message\":\"Method Not Allowed\"}");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void noRouteOfTheApiLiesUnderThePage() {
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")) {
            for (String path : List.of("/docs", "/docs/", DocsPage.DOCUMENT_PATH, "/docs/res/swagger-ui.css")) {
                assertThat(FunctionCatalog.route(method, path)).as(method + " " + path).isEmpty();
            }
        }
        assertThat(FunctionCatalog.FUNCTIONS).noneMatch(f -> DocsPage.serves(f.path()));
    }

    @Test
    void thePageIsServedWhileTheRestStillStarts() throws Exception {
        try (LocalHttpServer starting = LocalHttpServer.bind(0)) {
            String base = "http://127.0.0.1:" + starting.port();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/docs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> route = http.send(HttpRequest.newBuilder(
                    URI.create(base + "/v1/tenants/acme/participants")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(route.statusCode()).isEqualTo(503);
        }
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }
}
