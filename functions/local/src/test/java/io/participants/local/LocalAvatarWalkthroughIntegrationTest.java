package io.participants.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/local-mode.md's "Syncing an avatar in local mode", against local mode itself: its DynamoDB Local, its s3proxy
 * (on disk and in memory) and its Secrets Manager, with a stand-in for Slack's Web API and image host on loopback
 * (allowed by {@code --insecure-image-downloads}). OAuth round trip, sync, the presigned link serving the exact
 * bytes, the same image keeping its file id, a new image replacing the old object, and the disconnect's revoke.
 */
class LocalAvatarWalkthroughIntegrationTest {

    private static final String USER = "U0123ABCD";
    private static final String CLIENT_ID = "1234.5678";
    private static final String CLIENT_SECRET = "walkthrough-client-secret";
    private static final String BOT_TOKEN = "xoxb-1-2-walkthroughBotToken";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private WireMockServer slack;
    private LocalApi api;
    private String token;

    @BeforeEach
    void startSlack() {
        slack = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        slack.start();
        slack.stubFor(post(urlPathEqualTo("/api/oauth.v2.access")).willReturn(okJson("""
                {"ok": true, "app_id": "A04APP0001", "authed_user": {"id": "U04OPS0001"}, "scope": "users:read",
                 "token_type": "bot", "access_token": "%s", "bot_user_id": "B04BOT0001",
                 "team": {"id": "T04ACME01", "name": "Acme"}, "enterprise": null, "is_enterprise_install": false}
                """.formatted(BOT_TOKEN))));
        slack.stubFor(post(urlPathEqualTo("/api/auth.revoke")).willReturn(okJson("{\"ok\":true,\"revoked\":true}")));
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        slack.stop();
    }

    @ParameterizedTest(name = "in memory: {0}")
    @ValueSource(booleans = {false, true})
    void slackIsConnectedAndAnAvatarSyncedServedKeptAndReplaced(boolean inMemory) throws Exception {
        start(inMemory);
        String configs = "/v1/tenants/acme/integrations/configs";

        // the OAuth round trip: authorize, then Slack's redirect to the callback with a code and the state
        String config = field(send("POST", configs, "{\"provider\":\"SLACK\",\"name\":\"Acme Slack\"}", 201), "id");
        JsonNode authorized = send("POST", configs + "/" + config + ":authorize", null, 200);
        Map<String, String> consent = query(URI.create(authorized.get("authorizationUrl").asText()));
        assertThat(consent).containsEntry("client_id", CLIENT_ID);
        URI callback = URI.create(consent.get("redirect_uri") + "?code=code-7&state=" + consent.get("state"));
        assertThat(callback.getPath()).isEqualTo("/v1/oauth/slack/callback");
        HttpResponse<String> connected = http.send(HttpRequest.newBuilder(callback).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);
        assertThat(JSON.readTree(connected.body()).at("/connection/status").asText()).isEqualTo("CONNECTED");
        assertThat(connected.body()).doesNotContain(BOT_TOKEN);
        slack.verify(1, postRequestedFor(urlPathEqualTo("/api/oauth.v2.access"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString(
                        (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8))))
                .withRequestBody(containing("code=code-7")));

        String participants = "/v1/tenants/acme/participants";
        String maria = field(send("POST", participants, """
                {"displayName": "Maria", "channels": [{"integrationConfigId": "%s", "address": "%s"}]}"""
                .formatted(config, USER), 201), "id");
        String sync = participants + "/" + maria + "/avatar:syncFromChannel";
        String syncBody = "{\"integrationConfigId\": \"" + config + "\", \"address\": \"" + USER + "\"}";

        // the first sync stores the image; its link serves exactly those bytes
        byte[] first = png(0xFF3366CC);
        slackUser("hash0001", first);
        String firstFile = field(send("POST", sync, syncBody, 200), "avatarFileId");
        assertThat(firstFile).isNotBlank();
        assertThat(served(participants + "/" + maria + "/avatar")).containsExactly(first);
        assertThat(avatarKeys()).containsExactly("avatars/acme/" + firstFile);

        // the same image again keeps its file id
        assertThat(field(send("POST", sync, syncBody, 200), "avatarFileId")).isEqualTo(firstFile);

        // a new image replaces the file, and the old object is gone
        byte[] second = png(0xFFCC6633);
        slackUser("hash0002", second);
        String secondFile = field(send("POST", sync, syncBody, 200), "avatarFileId");
        assertThat(secondFile).isNotEqualTo(firstFile);
        assertThat(served(participants + "/" + maria + "/avatar")).containsExactly(second);
        assertThat(avatarKeys()).containsExactly("avatars/acme/" + secondFile);
        slack.verify(getRequestedFor(urlPathEqualTo("/api/users.info"))
                .withHeader("Authorization", equalTo("Bearer " + BOT_TOKEN)).withQueryParam("user", equalTo(USER)));

        // disconnect revokes the token at Slack
        assertThat(send("POST", configs + "/" + config + ":disconnect", null, 200).at("/connection/status").asText())
                .isNotEqualTo("CONNECTED");
        slack.verify(1, postRequestedFor(urlPathEqualTo("/api/auth.revoke")));

        if (!inMemory) {
            try (var files = Files.walk(dataDir.resolve("s3"))) {
                assertThat(files.filter(Files::isRegularFile).map(Path::toString))
                        .as("the object is kept on disk").anyMatch(name -> name.contains(secondFile));
            }
        }
    }

    private void start(boolean inMemory) throws IOException {
        String slackBase = "http://127.0.0.1:" + slack.port();
        String[] common = {"--data-dir", dataDir.toString(), "--slack-api-base", slackBase + "/api",
                "--slack-oauth-base", slackBase, "--slack-image-hosts", "127.0.0.1", "--insecure-image-downloads"};
        if (!inMemory) {
            // as docs/local-mode.md does it: ./local slack-app --client-id ID --client-secret-file PATH
            Path secretFile = dataDir.resolve("client-secret.txt");
            Files.writeString(secretFile, CLIENT_SECRET + "\n");
            SlackAppCommand.run(LocalOptions.parse(new String[] {"slack-app", "--data-dir", dataDir.toString(),
                    "--client-id", CLIENT_ID, "--client-secret-file", secretFile.toString()}, Map.of()), System.in);
        }
        String[] serve = inMemory ? concat(common, "--port", "0", "--in-memory") : concat(common, "--port", "0");
        LocalOptions options = LocalOptions.parse(serve, Map.of());
        api = LocalApi.start(options);
        if (inMemory) {
            // nothing is kept in memory mode: the credentials go to the emulator as with the AWS CLI
            try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                    .endpointOverride(api.endpoints().secretsManager()).region(LocalAws.REGION)
                    .credentialsProvider(LocalAws.credentials()).httpClient(UrlConnectionHttpClient.create()).build()) {
                secrets.createSecret(b -> b.name("participants/slack/app").secretString(
                        "{\"clientId\":\"" + CLIENT_ID + "\",\"clientSecret\":\"" + CLIENT_SECRET + "\"}"));
            }
        }
        token = LocalIssuer.open(options.dataDir(), options.issuer(), options.audience()).mint("dev-user", "acme",
                List.of("integrations:admin", "participants:read", "participants:write"), Duration.ofMinutes(10));
    }

    private void slackUser(String hash, byte[] image) {
        String original = "http://127.0.0.1:" + slack.port() + "/img/" + hash + "_original.png";
        slack.stubFor(get(urlPathEqualTo("/api/users.info")).willReturn(okJson("""
                {"ok": true, "user": {"id": "%s", "team_id": "T04ACME01", "name": "maria", "deleted": false,
                 "profile": {"avatar_hash": "%s", "image_original": "%s", "is_custom_image": true,
                             "image_192": "%s"}}}""".formatted(USER, hash, original, original))));
        slack.stubFor(get(urlPathEqualTo("/img/" + hash + "_original.png"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(image)));
    }

    /** The bytes the avatar's presigned link serves. */
    private byte[] served(String avatarPath) throws Exception {
        URI link = URI.create(send("GET", avatarPath, null, 200).get("url").asText());
        HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(link).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        return image.body();
    }

    private List<String> avatarKeys() {
        try (S3Client s3 = S3Client.builder().endpointOverride(api.endpoints().s3()).region(LocalAws.REGION)
                .credentialsProvider(LocalAws.credentials()).forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            return s3.listObjectsV2(b -> b.bucket(LocalOptions.DEFAULT_BUCKET).prefix("avatars/")).contents().stream()
                    .map(S3Object::key).toList();
        }
    }

    private JsonNode send(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    private static String field(JsonNode node, String name) {
        return node.get(name).asText();
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private static byte[] png(int argb) {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, argb);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
