package io.participants.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Done-when walk-through of channel activations (docs/activations.md) against local mode itself, with
 * {@code ./local webhook-message} posting the signed samples: webhook URLs on the local address, shown once;
 * activations per binding and channel; signed Slack and Telegram messages setting {@code lastMessageAt}; forged,
 * replayed, unknown and rotated-away requests answering 401 and changing nothing; a redelivered Slack event making
 * one {@code message_received} event.
 */
class LocalActivationsWalkthroughIntegrationTest {

    private static final String SIGNING_SECRET = "walkthrough-signing-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private LocalApi api;
    private String token;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void theDoneWhenWalkThrough() throws Exception {
        LocalOptions options = LocalOptions.parse(new String[] {"--data-dir", dataDir.toString(), "--port", "0",
                "--in-memory"}, Map.of());
        api = LocalApi.start(options);
        try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                .endpointOverride(api.endpoints().secretsManager()).region(LocalAws.REGION)
                .credentialsProvider(LocalAws.credentials()).httpClient(UrlConnectionHttpClient.create()).build()) {
            secrets.createSecret(b -> b.name("participants/slack/app").secretString("{\"clientId\":\"1234.5678\","
                    + "\"clientSecret\":\"walkthrough-client-secret\",\"signingKey\":\"" + SIGNING_SECRET + "\"}"));
        }
        token = LocalIssuer.open(options.dataDir(), options.issuer(), options.audience()).mint("dev-user", "acme",
                List.of("integrations:admin", "participants:read", "participants:write"), Duration.ofMinutes(10));
        String configs = "/v1/tenants/acme/integrations/configs";
        String slack = send("POST", configs, "{\"provider\":\"SLACK\",\"name\":\"Acme Slack\"}", 201).get("id")
                .asText();
        String telegram = send("POST", configs, "{\"provider\":\"TELEGRAM\",\"name\":\"Acme bot\"}", 201).get("id")
                .asText();

        // the full URL once, on the local address; the prefix afterwards
        JsonNode slackHook = send("POST", configs + "/" + slack + ":generateWebhookUrl", null, 200);
        String slackUrl = slackHook.get("webhookUrl").asText();
        assertThat(slackUrl).startsWith("http://127.0.0.1:" + api.port() + "/v1/webhooks/acme?key=whk_");
        JsonNode again = send("POST", configs + "/" + slack + ":generateWebhookUrl", null, 200);
        assertThat(again.get("webhookUrl").isNull()).isTrue();
        assertThat(again.get("webhookKeyPrefix").asText()).isEqualTo(slackHook.get("webhookKeyPrefix").asText());
        JsonNode telegramHook = send("POST", configs + "/" + telegram + ":generateWebhookUrl", null, 200);
        String telegramUrl = telegramHook.get("webhookUrl").asText();
        String secretToken = telegramHook.get("secretToken").asText();

        // an agent bound to a participant with a Slack and a Telegram channel: one activation per binding and channel
        String participant = "/v1/tenants/acme/participants/" + send("POST", "/v1/tenants/acme/participants", """
                {"displayName": "Ada", "channels": [{"integrationConfigId": "%s", "address": "U0123ABCD"},
                 {"integrationConfigId": "%s", "address": "42"}]}""".formatted(slack, telegram), 201)
                .get("id").asText();
        send("PUT", participant + "/bindings/agent-1", null, 204);
        JsonNode activations = send("GET", participant, null, 200).get("channelActivations");
        assertThat(activations).hasSize(2);
        assertThat(activations.get(0).get("webhookUrlTemplate").asText())
                .isEqualTo("http://127.0.0.1:" + api.port() + "/v1/webhooks/acme?key={webhookKey}");
        assertThat(activations).allSatisfy(a -> assertThat(a.get("agentId").asText()).isEqualTo("agent-1"));

        // signed samples from those channels answer 200 and set lastMessageAt; the same Slack event twice
        String[] slackMessage = {"--url", slackUrl, "--provider", "slack", "--from", "U0123ABCD", "--id", "Ev1",
                "--signing-secret", SIGNING_SECRET};
        assertThat(WebhookMessageCommand.run(slackMessage)).startsWith("200 ");
        assertThat(WebhookMessageCommand.run(new String[] {"--url", telegramUrl, "--provider", "telegram",
                "--from", "42", "--id", "500", "--secret-token", secretToken})).startsWith("200 ");
        assertThat(WebhookMessageCommand.run(slackMessage)).startsWith("200 ");
        JsonNode health = send("GET", participant, null, 200).get("health").get("channels");
        long slackLast = health.get(0).get("lastMessageAt").asLong();
        assertThat(slackLast).isPositive();
        assertThat(health.get(1).get("lastMessageAt").asLong()).isPositive();

        // forged, replayed, unknown and rotated-away: 401, nothing changes
        assertThat(WebhookMessageCommand.run(new String[] {"--url", slackUrl, "--provider", "slack", "--from",
                "U0123ABCD", "--id", "Ev2", "--signing-secret", "forged"})).startsWith("401 ");
        WebhookMessageCommand.Sample replayed = WebhookMessageCommand.sample(new String[] {"--url", slackUrl,
                "--provider", "slack", "--from", "U0123ABCD", "--id", "Ev3", "--signing-secret", SIGNING_SECRET},
                Clock.fixed(Instant.now().minusSeconds(301), ZoneOffset.UTC));
        assertThat(post(replayed)).isEqualTo(401);
        String unknown = slackUrl.substring(0, slackUrl.indexOf("key=") + 4) + "whk_000000000000_" + "A".repeat(43);
        assertThat(WebhookMessageCommand.run(new String[] {"--url", unknown, "--provider", "slack", "--from",
                "U0123ABCD", "--id", "Ev4", "--signing-secret", SIGNING_SECRET})).startsWith("401 ");
        String rotated = send("POST", configs + "/" + slack + ":rotateWebhook", null, 200).get("webhookUrl").asText();
        assertThat(WebhookMessageCommand.run(new String[] {"--url", slackUrl, "--provider", "slack", "--from",
                "U0123ABCD", "--id", "Ev5", "--signing-secret", SIGNING_SECRET})).startsWith("401 ");
        assertThat(send("GET", participant, null, 200).at("/health/channels/0/lastMessageAt").asLong())
                .isEqualTo(slackLast);
        assertThat(WebhookMessageCommand.run(new String[] {"--url", rotated, "--provider", "slack", "--from",
                "U0123ABCD", "--id", "Ev6", "--signing-secret", SIGNING_SECRET})).startsWith("200 ");

        // one message_received per provider message id: Ev1 (twice delivered), update 500, Ev6
        api.changeEvents().poll();
        List<JsonNode> received = Files.readAllLines(api.changeEventsFile()).stream().map(this::tree)
                .filter(e -> e.get("type").asText().equals("participants.channel.message_received")).toList();
        assertThat(received).extracting(e -> e.at("/data/messageId").asText())
                .containsExactlyInAnyOrder("Ev1", "500", "Ev6");
    }

    private int post(WebhookMessageCommand.Sample sample) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(sample.url())
                .POST(HttpRequest.BodyPublishers.ofString(sample.body()));
        sample.headers().forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
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
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
