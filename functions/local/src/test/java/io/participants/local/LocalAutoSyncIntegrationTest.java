package io.participants.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 25's "Done when", in local mode itself with {@code --auto-sync-interval 2s}: a participant with auto-sync on a
 * Slack channel gets its avatar without any sync call; a new picture at the Slack stand-in reaches it within the short
 * interval; an upload then stops auto-sync from replacing it; and {@code ./local events} shows the automatic syncs.
 * Local mode's own timer runs the sweep and the worker; the test steps them ({@link LocalAutoSync#tick}) and polls the
 * stream ({@link LocalChangeEvents#poll}) in step instead of sleeping, and moves no clock: the interval is real.
 */
class LocalAutoSyncIntegrationTest {

    private static final String USER = "U0AUTO0001";
    private static final String BOT_TOKEN = "xoxb-1-2-autoSyncBotToken";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private WireMockServer slack;
    private LocalApi api;
    private String token;

    @BeforeEach
    void start() throws IOException {
        slack = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        slack.start();
        String slackBase = "http://127.0.0.1:" + slack.port();
        LocalOptions options = LocalOptions.parse(new String[] {"--data-dir", dataDir.toString(), "--port", "0",
                "--in-memory", "--slack-api-base", slackBase + "/api", "--image-hosts", "127.0.0.1",
                "--insecure-image-downloads", "--auto-sync-interval", "2s"}, Map.of());
        api = LocalApi.start(options);
        token = LocalIssuer.open(options.dataDir(), options.issuer(), options.audience()).mint("dev-user", "acme",
                List.of("integrations:admin", "participants:read", "participants:write"), Duration.ofMinutes(10));
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        slack.stop();
    }

    @Test
    void autoSyncFollowsTheSlackPictureUntilAnUploadReplacesIt() throws Exception {
        String config = field(send("POST", "/v1/tenants/acme/integrations/configs",
                "{\"provider\":\"SLACK\",\"name\":\"Acme Slack\"}", 201), "id");
        storeToken(config);
        byte[] first = png(0xFF3366CC);
        slackUser("hash1001", first);

        // created with auto-sync on: no sync call, the change event queues one
        String maria = field(send("POST", "/v1/tenants/acme/participants", """
                {"displayName": "Maria", "channels": [{"integrationConfigId": "%s", "address": "%s"}],
                 "avatarAutoSync": {"enabled": true}}""".formatted(config, USER), 201), "id");
        String path = "/v1/tenants/acme/participants/" + maria;
        JsonNode synced = until(path, p -> !p.get("avatarFileId").isNull());
        assertThat(synced.get("avatarSource").asText()).isEqualTo("CHANNEL_SYNC");
        assertThat(served(path + "/avatar")).containsExactly(first);

        // a new picture at Slack: the next due sync, within the interval, takes it
        byte[] second = png(0xFFCC6633);
        slackUser("hash1002", second);
        long changedAt = System.nanoTime();
        JsonNode resynced = until(path, p -> !p.get("avatarFileId").asText().equals(synced.get("avatarFileId")
                .asText()));
        assertThat(Duration.ofNanos(System.nanoTime() - changedAt)).isLessThan(Duration.ofSeconds(10));
        assertThat(served(path + "/avatar")).containsExactly(second);
        assertThat(resynced.get("avatarSource").asText()).isEqualTo("CHANNEL_SYNC");

        // an upload: auto-sync never replaces it, though Slack's picture changes again
        byte[] uploaded = png(0xFF22AA22);
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(uri(path + "/avatar"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(uploaded)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        slackUser("hash1003", png(0xFF000000));
        int callsBefore = slack.findAll(getRequestedFor(urlPathEqualTo("/api/users.info"))).size();
        long uploadedAt = System.nanoTime();
        while (System.nanoTime() - uploadedAt < Duration.ofSeconds(5).toNanos()) {
            step();
        }
        JsonNode kept = send("GET", path, null, 200);
        assertThat(kept.get("avatarSource").asText()).isEqualTo("UPLOADED");
        assertThat(served(path + "/avatar")).containsExactly(uploaded);
        assertThat(slack.findAll(getRequestedFor(urlPathEqualTo("/api/users.info")))).hasSize(callsBefore);

        // ./local events shows the automatic syncs
        api.changeEvents().poll();
        List<JsonNode> events = Files.readAllLines(api.changeEventsFile()).stream().map(LocalAutoSyncIntegrationTest::json)
                .filter(e -> e.get("type").asText().endsWith("avatar_synced")).toList();
        assertThat(events).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(e -> assertThat(e.at("/data/automatic").asBoolean()).isTrue());
    }

    @Test
    void aTableFromBeforeAutoSyncGetsItsDueIndex() {
        try (software.amazon.awssdk.services.dynamodb.DynamoDbClient client =
                     software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                             .endpointOverride(api.endpoints().dynamoDb()).region(LocalAws.REGION)
                             .credentialsProvider(LocalAws.credentials())
                             .httpClient(UrlConnectionHttpClient.create()).build()) {
            var current = io.participants.api.dynamodb.ParticipantsTable.createTableRequest("before-auto-sync");
            client.createTable(current.toBuilder().globalSecondaryIndexes(current.globalSecondaryIndexes().stream()
                    .filter(index -> !index.indexName().equals("GSI3")).toList())
                    .attributeDefinitions(current.attributeDefinitions().stream()
                            .filter(a -> !a.attributeName().startsWith("GSI3")).toList()).build());

            LocalAutoSync.ensureDueIndex(client, "before-auto-sync");
            LocalAutoSync.ensureDueIndex(client, "before-auto-sync");

            assertThat(client.describeTable(d -> d.tableName("before-auto-sync")).table().globalSecondaryIndexes())
                    .extracting(software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription::indexName)
                    .containsExactlyInAnyOrder("GSI1", "GSI2", "GSI3");
        }
    }

    /** The participant at {@code path} once it satisfies {@code done}, stepping auto-sync; at most 20 seconds. */
    private JsonNode until(String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            step();
            JsonNode participant = send("GET", path, null, 200);
            if (done.test(participant)) {
                return participant;
            }
            assertThat(System.nanoTime()).as("auto-sync within 20 s: " + participant).isLessThan(deadline);
            // wait for the timer's next step rather than spin
            Thread.onSpinWait();
        }
    }

    /** What the timers do, in step: the stream's events (and their sync requests), then the sweep and the worker. */
    private void step() {
        api.changeEvents().poll();
        api.autoSync().tick();
    }

    private void storeToken(String config) {
        try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                .endpointOverride(api.endpoints().secretsManager()).region(LocalAws.REGION)
                .credentialsProvider(LocalAws.credentials()).httpClient(UrlConnectionHttpClient.create()).build()) {
            secrets.createSecret(b -> b.name("participants/tenants/acme/integrations/" + config + "/token")
                    .secretString("{\"accessToken\":\"" + BOT_TOKEN + "\",\"teamId\":\"T04ACME01\","
                            + "\"botUserId\":\"U04BOT0001\",\"scopes\":[\"users:read\"]}"));
        }
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

    private byte[] served(String avatarPath) throws Exception {
        URI link = URI.create(send("GET", avatarPath, null, 200).get("url").asText());
        HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(link).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        return image.body();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    private JsonNode send(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
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

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String field(JsonNode node, String name) {
        return node.get(name).asText();
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
