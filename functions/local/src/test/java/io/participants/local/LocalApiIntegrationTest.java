package io.participants.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real handler over in-memory DynamoDB Local, s3proxy and Secrets Manager, behind the emulated gateway, reached
 * over loopback HTTP.
 */
class LocalApiIntegrationTest {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    static Path dataDir;

    private static LocalApi api;
    private static LocalIssuer issuer;
    private static String token;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @BeforeAll
    static void start() {
        LocalOptions options = LocalOptions.parse(
                new String[] {"serve", "--port", "0", "--in-memory", "--data-dir", dataDir.toString()}, Map.of());
        api = LocalApi.start(options);
        issuer = LocalIssuer.open(options.dataDir(), options.issuer(), options.audience());
        token = issuer.mint("dev-user", "acme",
                List.of("integrations:admin", "participants:read", "participants:write"), Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aParticipantIsCreatedAndReadBack() throws Exception {
        HttpResponse<String> config = send("POST", "/v1/tenants/acme/integrations/configs", token,
                "{\"provider\":\"EMAIL\",\"name\":\"Mail\"}");
        assertThat(config.statusCode()).as(config.body()).isEqualTo(201);

        HttpResponse<String> created = send("POST", "/v1/tenants/acme/participants", token, "{\"displayName\":\"Ada\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Matcher id = ID.matcher(created.body());
        assertThat(id.find()).as(created.body()).isTrue();

        HttpResponse<String> read = send("GET", "/v1/tenants/acme/participants/" + id.group(1), token, null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).contains("\"displayName\":\"Ada\"").contains(id.group(1));
        assertThat(read.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    }

    @Test
    void anIdentifierInThePathIsDecodedExactlyOnceFromClientToHandler() throws Exception {
        String workspace = "6f1c2a5e-0000-4000-8000-0000000010ca";
        String conversations = issuer.mint("dev-user", workspace,
                List.of("conversations:read", "conversations:write"), Duration.ofMinutes(10));
        HttpResponse<String> conversation = send("POST", "/workspaces/" + workspace + "/conversations",
                conversations, "{\"name\":\"Escapes\"}");
        Matcher id = ID.matcher(conversation.body());
        assertThat(id.find()).as(conversation.body()).isTrue();
        String participants = "/workspaces/" + workspace + "/conversations/" + id.group(1) + "/participants";
        for (String contact : List.of("{\"identifierKey\":\"phonenumber\",\"identifierValue\":\"+14155550100\"}",
                "{\"identifierKey\":\"emailaddress\",\"identifierValue\":\"john.doe@example.com\"}")) {
            HttpResponse<String> added = send("POST", participants, conversations,
                    "{\"type\":\"contact\",\"status\":\"invited\",\"contact\":" + contact + "}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        }

        HttpResponse<String> phone = send("PATCH", participants + "/phonenumber/%2B14155550100", conversations,
                "{\"status\":\"active\"}");
        HttpResponse<String> email = send("GET", participants + "/emailaddress/john.doe%40example.com",
                conversations, null);
        HttpResponse<String> twiceEncoded = send("GET", participants + "/phonenumber/%252B14155550100",
                conversations, null);

        assertThat(phone.statusCode()).as(phone.body()).isEqualTo(200);
        assertThat(phone.body()).contains("\"identifierValue\":\"+14155550100\"").contains("\"status\":\"active\"");
        assertThat(email.statusCode()).as(email.body()).isEqualTo(200);
        assertThat(twiceEncoded.statusCode()).as("%252B is the text %2B, no phone number").isEqualTo(404);
    }

    @Test
    void theGatewayRefusesBeforeTheFunctionRuns() throws Exception {
        HttpResponse<String> anonymous = send("GET", "/v1/tenants/acme/participants", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).isEqualTo("{\"message\":\"Unauthorized\"}");

        String readOnly = issuer.mint("dev-user", "acme", List.of("participants:read"), Duration.ofMinutes(10));
        HttpResponse<String> forbidden = send("POST", "/v1/tenants/acme/participants", readOnly, "{\"displayName\":\"Bob\"}");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).isEqualTo("{\"message\":\"Forbidden\"}");

        HttpResponse<String> unknown = send("GET", "/v2/anything", token, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void aBodyOverTenMebibytesIsTooLargeWhetherDeclaredOrChunked() throws Exception {
        byte[] body = new byte[LocalGateway.MAX_BODY_BYTES + 1];
        HttpRequest.BodyPublisher declared = HttpRequest.BodyPublishers.ofByteArray(body);
        // Chunked: the server has to count the bytes itself instead of trusting Content-Length.
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body));

        for (HttpRequest.BodyPublisher publisher : List.of(declared, chunked)) {
            HttpRequest request = HttpRequest.newBuilder(uri("/v1/tenants/acme/participants"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(publisher)
                    .build();

            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
        }
    }

    @Test
    void dynamoDbLocalListensOnLoopbackOnly() {
        assertThat(api.dynamoDb().listenHosts()).containsOnly("127.0.0.1");
    }

    @Test
    void everyServiceIsEmbeddedOnLoopback() {
        LocalApi.Endpoints endpoints = api.endpoints();

        assertThat(List.of(endpoints.dynamoDb(), endpoints.s3(), endpoints.secretsManager()))
                .allSatisfy(uri -> assertThat(uri.toString()).matches("http://127\\.0\\.0\\.1:\\d+"))
                .doesNotHaveDuplicates();
        assertThat(System.getProperty("participants.oauth.redirect-uri"))
                .isEqualTo("http://127.0.0.1:" + api.port() + "/v1/oauth/slack/callback");
    }

    @Test
    void theAvatarLinkTheApiGivesOutFetchesTheStoredBytes() throws Exception {
        String tenant = "avatars";
        String avatars = issuer.mint("dev-user", tenant,
                List.of("integrations:admin", "participants:read", "participants:write"), Duration.ofMinutes(10));
        send("POST", "/v1/tenants/" + tenant + "/integrations/configs", avatars, "{\"provider\":\"EMAIL\",\"name\":\"Mail\"}");
        HttpResponse<String> created = send("POST", "/v1/tenants/" + tenant + "/participants", avatars,
                "{\"displayName\":\"Pic\"}");
        Matcher id = ID.matcher(created.body());
        assertThat(id.find()).as(created.body()).isTrue();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
        String fileId = UUID.randomUUID().toString();
        try (S3Client s3 = S3Client.builder().endpointOverride(api.endpoints().s3()).region(LocalAws.REGION)
                .credentialsProvider(LocalAws.credentials()).forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create()).build();
             DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(api.endpoints().dynamoDb())
                     .region(LocalAws.REGION).credentialsProvider(LocalAws.credentials())
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            s3.putObject(b -> b.bucket(LocalOptions.DEFAULT_BUCKET).key("avatars/" + tenant + "/" + fileId)
                    .contentType("image/png"), RequestBody.fromBytes(png));
            // what a sync from Slack would record; the sync itself needs Slack
            dynamo.updateItem(b -> b.tableName("participants")
                    .key(Map.of("PK", AttributeValue.fromS("T#" + tenant),
                            "SK", AttributeValue.fromS("PARTICIPANT#" + id.group(1))))
                    .updateExpression("SET avatarFileId = :f")
                    .expressionAttributeValues(Map.of(":f", AttributeValue.fromS(fileId))));
        }

        HttpResponse<String> link = send("GET", "/v1/tenants/" + tenant + "/participants/" + id.group(1) + "/avatar",
                avatars, null);
        assertThat(link.statusCode()).as(link.body()).isEqualTo(200);
        Matcher url = Pattern.compile("\"url\"\\s*:\\s*\"([^\"]+)\"").matcher(link.body());
        assertThat(url.find()).as(link.body()).isTrue();
        assertThat(link.body()).contains("\"expiresAt\"");
        URI presigned = URI.create(url.group(1).replace("\\u0026", "&"));
        assertThat(presigned.toString()).startsWith(api.endpoints().s3() + "/" + LocalOptions.DEFAULT_BUCKET + "/");

        HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(presigned).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.body()).containsExactly(png);
        assertThat(image.headers().firstValue("Content-Type")).contains("image/png");
    }

    @Test
    void theOAuthCallbackIsPublicSoTheHandlerAnswersAnAnonymousCaller() throws Exception {
        HttpResponse<String> forged = send("GET", "/v1/oauth/slack/callback?code=x&state=forged", null, null);

        // The gateway lets it through: no 401, none of its {"message":...} answers. What the handler says about a
        // forged state is its own business, a 4xx problem (or its 404 if the callback controller were not built).
        assertThat(forged.statusCode()).as(forged.body()).isNotEqualTo(401).isBetween(400, 499);
        assertThat(forged.body()).doesNotStartWith("{\"message\"");
        assertThat(forged.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void anImageIsUploadedThroughTheGatewayIntactAndServedBack() throws Exception {
        HttpResponse<String> created = send("POST", "/v1/tenants/acme/participants", token,
                "{\"displayName\":\"Grace\"}");
        Matcher id = ID.matcher(created.body());
        assertThat(id.find()).as(created.body()).isTrue();
        String avatar = "/v1/tenants/acme/participants/" + id.group(1) + "/avatar";
        // a PNG signature followed by every byte value: any text decoding on the way would change some of them
        byte[] image = new byte[8 + 256 * 4];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, image, 0, 8);
        for (int i = 8; i < image.length; i++) {
            image[i] = (byte) i;
        }

        HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(uri(avatar))
                .header("Authorization", "Bearer " + token).header("Content-Type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(image)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.body()).contains("\"avatarSource\":\"UPLOADED\"");
        HttpResponse<String> link = send("GET", avatar, token, null);
        String url = link.body().replaceAll(".*\"url\":\"([^\"]+)\".*", "$1").replace("\\u0026", "&");
        HttpResponse<byte[]> stored = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(stored.body()).isEqualTo(image);
        assertThat(stored.headers().firstValue("Content-Type")).contains("image/png");

        HttpResponse<String> cleared = send("DELETE", avatar, token, null);
        assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
        assertThat(cleared.body()).contains("\"avatarFileId\":null");
    }

    private HttpResponse<String> send(String method, String path, String bearer, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }
}
