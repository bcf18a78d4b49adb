package io.participants.api.activations;

import com.fasterxml.jackson.databind.JsonNode;
import io.participants.api.avatars.AvatarStubs;
import io.participants.api.changes.PublishedChanges;
import io.participants.api.slack.SlackEventsVerifier;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.LocalDynamo;
import io.participants.api.testing.LogCapture;
import io.participants.api.twilio.TwilioRequestVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Channel activations through the real handler over DynamoDB Local and its stream: webhooks generated and rotated,
 * activations on the participant, and signed Slack, Telegram and Twilio messages setting {@code lastMessageAt} and
 * publishing one {@code participants.channel.message_received} per provider message id; forged, replayed, unknown
 * and rotated-away requests change nothing.
 */
class ActivationsIntegrationTest {

    static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String TWILIO_AUTH_TOKEN = "twilio-auth-token-0123456789abcdef";
    private static final String TEXT = "the secret plans are under the mat";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private AvatarStubs stubs;
    private ApiHarness api;
    private PublishedChanges changes;
    private String slack;
    private String telegram;

    @BeforeEach
    void start() {
        stubs = new AvatarStubs();
        stubs.storeSecret("participants/slack/app", "{\"clientId\":\"4021.7731\",\"clientSecret\":\"s\","
                + "\"signingKey\":\"" + SIGNING_SECRET + "\"}");
        api = stubs.harness();
        changes = new PublishedChanges(api.table());
        slack = config("SLACK");
        telegram = config("TELEGRAM");
    }

    @AfterEach
    void stop() {
        api.close();
        changes.close();
        stubs.close();
    }

    @Test
    void theDoneWhenWalkThrough() {
        List<String> lines;
        List<ApiResponse> answers = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        List<String> secrets = new ArrayList<>(List.of(TEXT, SIGNING_SECRET));
        try (LogCapture logs = LogCapture.everything()) {
            // the full URL once, the prefix afterwards
            ApiResponse slackHook = post(slack, ":generateWebhookUrl");
            assertThat(slackHook.status()).as(slackHook.toString()).isEqualTo(200);
            String slackUrl = slackHook.field("webhookUrl");
            String slackPrefix = slackHook.field("webhookKeyPrefix");
            assertThat(slackUrl).startsWith("https://participants.test/v1/webhooks/acme?key=" + slackPrefix + "_");
            assertThat(slackHook.field("webhookUrlTemplate"))
                    .isEqualTo("https://participants.test/v1/webhooks/acme?key={webhookKey}");
            assertThat(slackHook.header("Cache-Control")).isEqualTo("no-store");
            ApiResponse again = post(slack, ":generateWebhookUrl");
            assertThat(tree(again).get("webhookUrl").isNull()).isTrue();
            assertThat(again.field("webhookKeyPrefix")).isEqualTo(slackPrefix);
            ApiResponse telegramHook = post(telegram, ":generateWebhookUrl");
            String telegramUrl = telegramHook.field("webhookUrl");
            String secretToken = telegramHook.field("secretToken");
            assertThat(secretToken).hasSize(43);
            secrets.addAll(List.of(lastSegment(slackUrl), lastSegment(telegramUrl), secretToken));

            // bind an agent to a participant with a Slack and a Telegram channel
            String ada = api.request("POST", "/v1/tenants/acme/participants").jsonBody(Map.of("displayName", "Ada",
                    "channels", List.of(Map.of("integrationConfigId", slack, "address", "U0123ABCD"),
                            Map.of("integrationConfigId", telegram, "address", "42")))).send().field("id");
            assertThat(api.request("PUT", "/v1/tenants/acme/participants/" + ada + "/bindings/agent-1").send()
                    .status()).isEqualTo(204);
            JsonNode activations = tree(get(ada)).get("channelActivations");
            assertThat(activations).hasSize(2);
            JsonNode first = activations.get(0);
            assertThat(first.get("agentId").asText()).isEqualTo("agent-1");
            assertThat(first.get("bindingId").asText()).matches("[0-9a-f-]{36}");
            assertThat(first.get("integrationConfigId").asText()).isEqualTo(slack);
            assertThat(first.get("provider").asText()).isEqualTo("SLACK");
            assertThat(first.get("address").asText()).isEqualTo("U0123ABCD");
            assertThat(first.get("webhookUrl").isNull()).isTrue();
            assertThat(first.get("webhookUrlTemplate").asText()).endsWith("/v1/webhooks/acme?key={webhookKey}");
            assertThat(first.get("webhookKeyPrefix").asText()).isEqualTo(slackPrefix);
            assertThat(first.get("scope").asText()).isEqualTo("PER_CONFIG");
            assertThat(activations.get(1).get("provider").asText()).isEqualTo("TELEGRAM");
            events.addAll(changes.events());

            // Slack's URL check, then a signed Slack event and Telegram update answer 200 and set lastMessageAt
            ApiResponse challenge = slackPost(slackUrl, "{\"token\":\"t\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3"
                    + "gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}", now());
            assertThat(challenge.status()).as(challenge.toString()).isEqualTo(200);
            assertThat(challenge.field("challenge")).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
            String slackEvent = slackMessage("Ev0PV52K21", "U0123ABCD");
            answers.add(slackPost(slackUrl, slackEvent, now()));
            answers.add(telegramPost(telegramUrl, secretToken, telegramUpdate(10000, 42)));
            assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(200));
            JsonNode health = tree(get(ada)).get("health").get("channels");
            long slackLast = health.get(0).get("lastMessageAt").asLong();
            assertThat(slackLast).isPositive();
            assertThat(health.get(1).get("lastMessageAt").asLong()).isPositive();

            // the same Slack event redelivered publishes once
            answers.add(slackPost(slackUrl, slackEvent, now()));
            List<JsonNode> received = received(changes.events());
            events.addAll(received);
            assertThat(received).hasSize(2);
            JsonNode slackReceived = received.stream().filter(e -> e.get("data").get("provider").asText()
                    .equals("SLACK")).findFirst().orElseThrow();
            assertThat(slackReceived.get("subject").asText()).isEqualTo("tenants/acme/participants/" + ada);
            assertThat(slackReceived.get("tenant").asText()).isEqualTo("acme");
            JsonNode data = slackReceived.get("data");
            assertThat(data.get("participantId").asText()).isEqualTo(ada);
            assertThat(data.get("integrationConfigId").asText()).isEqualTo(slack);
            assertThat(data.get("address").asText()).isEqualTo("U0123ABCD");
            assertThat(data.get("agentIds").get(0).asText()).isEqualTo("agent-1");
            assertThat(data.get("messageId").asText()).isEqualTo("Ev0PV52K21");
            assertThat(data.has("receivedAt")).isTrue();

            // forged, replayed, unknown and rotated-away: 401, nothing recorded
            String other = slackMessage("Ev0PV52K22", "U0123ABCD");
            long stale = now() - 301;
            List<ApiResponse> refused = new ArrayList<>();
            refused.add(to(slackUrl).body(other)
                    .header("X-Slack-Request-Timestamp", Long.toString(now()))
                    .header("X-Slack-Signature", SlackEventsVerifier.sign("forged-secret", Long.toString(now()),
                            other.getBytes(StandardCharsets.UTF_8))).send());
            refused.add(slackPost(slackUrl, other, stale));
            refused.add(slackPost("https://participants.test/v1/webhooks/acme?key=whk_0123456789ab_"
                    + "A".repeat(43), other, now()));
            refused.add(slackPost(slackUrl.replace("/acme?", "/globex?"), other, now()));
            refused.add(slackPost(slackUrl.substring(0, slackUrl.length() - 2) + "xx", other, now()));
            refused.add(telegramPost(telegramUrl, "wrong-token", telegramUpdate(10001, 42)));
            refused.add(to(slackUrl).body(other).send());
            ApiResponse rotated = post(slack, ":rotateWebhook");
            assertThat(rotated.status()).isEqualTo(200);
            String newUrl = rotated.field("webhookUrl");
            assertThat(rotated.field("webhookKeyPrefix")).isNotEqualTo(slackPrefix);
            refused.add(slackPost(slackUrl, other, now()));
            assertThat(refused).allSatisfy(r -> {
                assertThat(r.status()).as(r.toString()).isEqualTo(401);
                assertThat(r.contentType()).isEqualTo("application/problem+json");
            });
            answers.addAll(refused);
            assertThat(received(changes.events())).isEmpty();
            assertThat(tree(get(ada)).get("health").get("channels").get(0).get("lastMessageAt").asLong())
                    .isEqualTo(slackLast);

            // the new key works, and activations show its prefix
            answers.add(slackPost(newUrl, other, now()));
            assertThat(answers.get(answers.size() - 1).status()).isEqualTo(200);
            assertThat(received(changes.events())).hasSize(1);
            assertThat(tree(get(ada)).get("channelActivations").get(0).get("webhookKeyPrefix").asText())
                    .isEqualTo(rotated.field("webhookKeyPrefix"));

            // unbinding, removing a channel and deleting retire activations
            api.request("PATCH", "/v1/tenants/acme/participants/" + ada).body("{\"agentIds\":[\"agent-1\","
                    + "\"agent-2\"]}").send();
            assertThat(tree(get(ada)).get("channelActivations")).hasSize(4);
            api.request("DELETE", "/v1/tenants/acme/participants/" + ada + "/bindings/agent-2").send();
            ApiResponse oneChannel = api.request("PATCH", "/v1/tenants/acme/participants/" + ada)
                    .jsonBody(Map.of("channels", List.of(Map.of("integrationConfigId", telegram, "address", "42"))))
                    .send();
            assertThat(tree(oneChannel).get("channelActivations")).singleElement()
                    .satisfies(a -> assertThat(a.get("provider").asText()).isEqualTo("TELEGRAM"));
            // a message from the removed channel finds no holder: 200, nothing recorded, no claim resurrected
            answers.add(slackPost(newUrl, slackMessage("Ev0PV52K23", "U0123ABCD"), now()));
            assertThat(received(changes.events())).isEmpty();
            lines = logs.lines();
        }

        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(secrets));
        assertThat(events).allSatisfy(e -> assertThat(e.toString()).doesNotContain(secrets));
    }

    @Test
    void perBindingAndInboundlessProvidersAnswer400() {
        ApiResponse teams = post(config("MICROSOFT_TEAMS"), ":generateWebhookUrl");
        assertThat(teams.status()).isEqualTo(400);
        assertThat(teams.field("type")).endsWith("per-binding-activation");
        ApiResponse email = post(config("EMAIL"), ":rotateWebhook");
        assertThat(email.status()).isEqualTo(400);
        assertThat(email.field("type")).endsWith("no-inbound-messages");
        assertThat(post("01930000-0000-7000-8000-0000000000cf", ":generateWebhookUrl").status()).isEqualTo(404);
    }

    @Test
    void deletingAConfigRemovesItsWebhookKey() {
        String sms = config("SMS");
        String prefix = post(sms, ":generateWebhookUrl").field("webhookKeyPrefix");
        var key = Map.of("PK", AttributeValue.fromS("T#acme"),
                "SK", AttributeValue.fromS("WEBHOOK#" + prefix));
        assertThat(LocalDynamo.client().getItem(g -> g.tableName(api.table()).key(key)
                .consistentRead(true)).hasItem()).isTrue();

        assertThat(api.request("DELETE", "/v1/tenants/acme/integrations/configs/" + sms).send().status())
                .isEqualTo(204);

        assertThat(LocalDynamo.client().getItem(g -> g.tableName(api.table()).key(key)
                .consistentRead(true)).hasItem()).isFalse();
    }

    @Test
    void aSignedTwilioSmsSetsLastMessageAtOnce() {
        String sms = config("SMS");
        stubs.storeSecret("participants/tenants/acme/integrations/" + sms + "/token",
                "{\"accessToken\":\"" + TWILIO_AUTH_TOKEN + "\",\"teamId\":\"AC0001\",\"botUserId\":null,"
                        + "\"scopes\":[]}");
        String url = post(sms, ":generateWebhookUrl").field("webhookUrl");
        String grace = api.request("POST", "/v1/tenants/acme/participants").jsonBody(Map.of("displayName", "Grace",
                "channels", List.of(Map.of("integrationConfigId", sms, "address", "+14155550100")))).send()
                .field("id");
        changes.events();
        List<Map.Entry<String, String>> params = List.of(entry("MessageSid", "SM0123456789abcdef0123456789abcdef"),
                entry("From", "+14155550100"), entry("To", "+14155550199"), entry("Body", TEXT));

        ApiResponse forged = twilioPost(url, params, "AAAA");
        ApiResponse ok = twilioPost(url, params, TwilioRequestVerifier.sign(TWILIO_AUTH_TOKEN, url, params));
        ApiResponse again = twilioPost(url, params, TwilioRequestVerifier.sign(TWILIO_AUTH_TOKEN, url, params));

        assertThat(forged.status()).isEqualTo(401);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(received(changes.events())).singleElement().satisfies(e -> assertThat(e.get("data")
                .get("address").asText()).isEqualTo("+14155550100"));
        JsonNode health = tree(get(grace)).get("health").get("channels").get(0);
        assertThat(health.get("lastMessageAt").asLong()).isPositive();
        assertThat(health.get("keyStatus").asText()).isEqualTo("ACTIVE");
        assertThat(health.get("keyPrefix").asText()).startsWith("whk_");
    }

    // message text in events (per config, off by default)

    @Test
    void messageTextInEventsIsOffByDefaultSetOnCreateAndPatchAndShownOnReads() {
        assertThat(tree(getConfig(slack)).get("messageTextInEvents").asBoolean(true)).isFalse();
        assertThat(tree(getConfig(config("EMAIL"))).get("messageTextInEvents").isNull()).isTrue();
        ApiResponse sms = createConfig(Map.of("provider", "SMS", "name", "Acme SMS", "messageTextInEvents", true));
        assertThat(sms.status()).as(sms.toString()).isEqualTo(201);
        assertThat(tree(sms).get("messageTextInEvents").asBoolean()).isTrue();
        assertThat(tree(getConfig(sms.field("id"))).get("messageTextInEvents").asBoolean()).isTrue();
        changes.events();

        ApiResponse on = patch(slack, "{\"messageTextInEvents\": true}");
        assertThat(on.status()).as(on.toString()).isEqualTo(200);
        assertThat(tree(on).get("messageTextInEvents").asBoolean()).isTrue();
        assertThat(listed(slack).get("messageTextInEvents").asBoolean()).isTrue();
        JsonNode updated = changes.event();
        assertThat(updated.get("type").asText()).isEqualTo("participants.integration_config.updated");
        assertThat(updated.get("data").get("messageTextInEvents").asBoolean()).isTrue();
        // setting what it has writes nothing; another setting alone leaves it on
        long version = configVersion(slack);
        assertThat(patch(slack, "{\"messageTextInEvents\": true}").status()).isEqualTo(200);
        assertThat(configVersion(slack)).isEqualTo(version);
        assertThat(changes.events()).isEmpty();
        assertThat(tree(patch(slack, "{\"avatarSyncInterval\": \"PT6H\"}")).get("messageTextInEvents").asBoolean())
                .isTrue();

        ApiResponse off = patch(slack, "{\"messageTextInEvents\": false}");
        assertThat(tree(off).get("messageTextInEvents").asBoolean(true)).isFalse();
        assertThat(tree(off).get("avatarSyncInterval").asText()).isEqualTo("PT6H");
        assertThat(changes.events()).last().satisfies(e -> assertThat(e.get("data").get("messageTextInEvents")
                .asBoolean(true)).isFalse());
    }

    @Test
    void aBadMessageTextInEventsIs400AndWritesNothing() {
        String name = "Refused " + UUID.randomUUID();
        for (Object bad : List.of("true", "yes", 1, 0, List.of(true), Map.of("on", true))) {
            ApiResponse refused = createConfig(Map.of("provider", "SLACK", "name", name,
                    "messageTextInEvents", bad));
            assertProblem(refused, "invalid-request");
            assertThat(refused.body()).as(refused.toString()).contains("messageTextInEvents");
        }
        // an EMAIL config receives no messages: told so, with the webhook routes' problem type
        assertProblem(createConfig(Map.of("provider", "EMAIL", "name", name, "messageTextInEvents", true)),
                "no-inbound-messages");
        assertThat(api.request("GET", "/v1/tenants/acme/integrations/configs").query("limit", "100").send().body())
                .doesNotContain(name);
        String mail = config("EMAIL");
        assertProblem(patch(mail, "{\"messageTextInEvents\": true}"), "no-inbound-messages");
        assertProblem(patch(mail, "{\"messageTextInEvents\": true, \"gravatar\": true}"), "no-inbound-messages");
        assertThat(tree(getConfig(mail)).get("gravatar").asBoolean(true)).isFalse();
        assertThat(patch(mail, "{\"messageTextInEvents\": false}").status()).isEqualTo(200);

        long version = configVersion(slack);
        for (String bad : List.of("\"true\"", "\"yes\"", "1", "null", "[true]", "{}")) {
            ApiResponse refused = patch(slack, "{\"messageTextInEvents\": " + bad + "}");
            assertProblem(refused, "invalid-request");
            assertThat(tree(refused).get("errors").get(0).get("field").asText()).isEqualTo("messageTextInEvents");
        }
        // a valid setting beside a refused field changes nothing either
        assertProblem(patch(slack, "{\"messageTextInEvents\": true, \"gravatar\": true}"), "invalid-request");
        assertProblem(patch(slack, "{\"messageTextInEvents\": true, \"avatarSyncInterval\": \"PT1M\"}"),
                "invalid-request");
        ApiResponse foreign = api.request("PATCH", "/v1/tenants/globex/integrations/configs/" + slack)
                .tenant("globex").header("content-type", "application/json")
                .body("{\"messageTextInEvents\": true}").send();
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(configVersion(slack)).isEqualTo(version);
        assertThat(tree(getConfig(slack)).get("messageTextInEvents").asBoolean(true)).isFalse();
    }

    @Test
    void aMessagesTextIsStoredAndPublishedOnlyWhileItsConfigTurnsItOn() {
        String sms = config("SMS");
        stubs.storeSecret("participants/tenants/acme/integrations/" + sms + "/token",
                "{\"accessToken\":\"" + TWILIO_AUTH_TOKEN + "\",\"teamId\":\"AC0001\",\"botUserId\":null,"
                        + "\"scopes\":[]}");
        String slackUrl = post(slack, ":generateWebhookUrl").field("webhookUrl");
        ApiResponse telegramHook = post(telegram, ":generateWebhookUrl");
        String telegramUrl = telegramHook.field("webhookUrl");
        String secretToken = telegramHook.field("secretToken");
        String smsUrl = post(sms, ":generateWebhookUrl").field("webhookUrl");
        api.request("POST", "/v1/tenants/acme/participants").jsonBody(Map.of("displayName", "Ada",
                "channels", List.of(Map.of("integrationConfigId", slack, "address", "U0123ABCD"),
                        Map.of("integrationConfigId", telegram, "address", "42"),
                        Map.of("integrationConfigId", sms, "address", "+14155550100")),
                "agentIds", List.of("agent-1"))).send();
        changes.events();
        String emoji = "\uD83D\uDCAC";
        // within the 32 KiB body cap even percent-encoded: 4,000 + 200 characters
        String longText = "x".repeat(4000) + emoji.repeat(200);
        List<String> lines;
        List<JsonNode> off;
        List<JsonNode> on;
        List<JsonNode> offAgain;
        try (LogCapture logs = LogCapture.everything()) {
            // off (the default): no text stored, none published
            assertThat(slackPost(slackUrl, slackMessage("Ev1OFF", "U0123ABCD"), now()).status()).isEqualTo(200);
            assertThat(telegramPost(telegramUrl, secretToken, telegramUpdate(20001, 42)).status()).isEqualTo(200);
            assertThat(smsPost(smsUrl, "SM00000000000000000000000000000001", TEXT).status()).isEqualTo(200);
            off = received(changes.events());

            // on, per config: Slack's event.text, Telegram's caption, Twilio's Body, a long text capped
            for (String config : List.of(slack, telegram, sms)) {
                assertThat(patch(config, "{\"messageTextInEvents\": true}").status()).isEqualTo(200);
            }
            changes.events();
            assertThat(slackPost(slackUrl, slackMessage("Ev2ON", "U0123ABCD"), now()).status()).isEqualTo(200);
            assertThat(telegramPost(telegramUrl, secretToken, "{\"update_id\":20002,\"message\":{\"message_id\":8,"
                    + "\"from\":{\"id\":42,\"is_bot\":false},\"chat\":{\"id\":42,\"type\":\"private\"},"
                    + "\"date\":1733380000,\"photo\":[{\"file_id\":\"f\"}],\"caption\":\"" + TEXT + "\"}}")
                    .status()).isEqualTo(200);
            assertThat(smsPost(smsUrl, "SM00000000000000000000000000000002", TEXT).status()).isEqualTo(200);
            assertThat(smsPost(smsUrl, "SM00000000000000000000000000000003", longText).status()).isEqualTo(200);
            // a message without text (a photo without a caption) has none to publish
            assertThat(telegramPost(telegramUrl, secretToken, "{\"update_id\":20003,\"message\":{\"message_id\":9,"
                    + "\"from\":{\"id\":42,\"is_bot\":false},\"chat\":{\"id\":42,\"type\":\"private\"},"
                    + "\"date\":1733380000,\"photo\":[{\"file_id\":\"f\"}]}}").status()).isEqualTo(200);
            on = received(changes.events());

            // off again: the next message has none
            assertThat(patch(slack, "{\"messageTextInEvents\": false}").status()).isEqualTo(200);
            changes.events();
            assertThat(slackPost(slackUrl, slackMessage("Ev3OFF", "U0123ABCD"), now()).status()).isEqualTo(200);
            offAgain = received(changes.events());
            lines = logs.lines();
        }

        assertThat(off).hasSize(3).allSatisfy(e -> assertThat(e.get("data").has("text")).as(e.toString()).isFalse())
                .allSatisfy(e -> assertThat(e.toString()).doesNotContain(TEXT));
        Map<String, JsonNode> byId = new HashMap<>();
        on.forEach(e -> byId.put(e.get("data").get("messageId").asText(), e.get("data")));
        assertThat(byId).containsOnlyKeys("Ev2ON", "20002", "SM00000000000000000000000000000002",
                "SM00000000000000000000000000000003", "20003");
        for (String id : List.of("Ev2ON", "20002", "SM00000000000000000000000000000002")) {
            assertThat(byId.get(id).get("text").asText()).as(id).isEqualTo(TEXT);
            assertThat(byId.get(id).get("textTruncated").asBoolean(true)).as(id).isFalse();
        }
        JsonNode capped = byId.get("SM00000000000000000000000000000003");
        assertThat(capped.get("text").asText()).isEqualTo("x".repeat(4000) + emoji.repeat(96));
        assertThat(capped.get("textTruncated").asBoolean()).isTrue();
        assertThat(byId.get("20003").has("text")).isFalse();
        assertThat(offAgain).singleElement().satisfies(e -> assertThat(e.get("data").has("text")).isFalse());

        // the records hold the text exactly when their event does
        Map<String, Map<String, AttributeValue>> records =
                messageRecords();
        assertThat(records).hasSize(9);
        records.forEach((messageId, item) -> assertThat(item.containsKey("text")).as(messageId)
                .isEqualTo(byId.containsKey(messageId) && byId.get(messageId).has("text")));
        assertThat(records.get("SM00000000000000000000000000000003").get("textTruncated").bool()).isTrue();
        // and no log line holds any of it
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(TEXT)
                .doesNotContain(emoji));
    }

    private ApiResponse smsPost(String url, String sid, String body) {
        List<Map.Entry<String, String>> params = List.of(entry("MessageSid", sid), entry("From", "+14155550100"),
                entry("To", "+14155550199"), entry("Body", body));
        return twilioPost(url, params, TwilioRequestVerifier.sign(TWILIO_AUTH_TOKEN, url, params));
    }

    /** The tenant's received message records, by provider message id, as stored. */
    private Map<String, Map<String, AttributeValue>> messageRecords() {
        var client = LocalDynamo.client();
        Map<String, Map<String, AttributeValue>> out =
                new HashMap<>();
        client.query(q -> q.tableName(api.table()).consistentRead(true)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :message)")
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS("T#acme"),
                                ":message", AttributeValue
                                        .fromS("MESSAGE#"))))
                .items().forEach(item -> out.put(item.get("messageId").s(), item));
        return out;
    }

    private ApiResponse createConfig(Map<String, Object> body) {
        return api.request("POST", "/v1/tenants/acme/integrations/configs").jsonBody(body).send();
    }

    private ApiResponse getConfig(String config) {
        return api.request("GET", "/v1/tenants/acme/integrations/configs/" + config).send();
    }

    private JsonNode listed(String config) {
        JsonNode list = tree(api.request("GET", "/v1/tenants/acme/integrations/configs").query("limit", "100").send());
        for (JsonNode item : list.get("results")) {
            if (item.get("id").asText().equals(config)) {
                return item;
            }
        }
        throw new AssertionError("config " + config + " is not listed");
    }

    private ApiResponse patch(String config, String body) {
        return api.request("PATCH", "/v1/tenants/acme/integrations/configs/" + config)
                .header("content-type", "application/json").body(body).send();
    }

    private long configVersion(String config) {
        return Long.parseLong(LocalDynamo.client().getItem(g -> g.tableName(api.table())
                .key(Map.of("PK", AttributeValue.fromS("T#acme"),
                        "SK", AttributeValue.fromS("CONFIG#" + config)))
                .consistentRead(true)).item().get("version").n());
    }

    private static void assertProblem(ApiResponse response, String slug) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.field("type")).as(response.toString()).isEqualTo("urn:problem-type:participants:" + slug);
    }

    private String config(String provider) {
        return api.request("POST", "/v1/tenants/acme/integrations/configs")
                .jsonBody(Map.of("provider", provider, "name", "Acme " + provider)).send().field("id");
    }

    private ApiResponse post(String config, String method) {
        return api.request("POST", "/v1/tenants/acme/integrations/configs/" + config + method).send();
    }

    private ApiResponse get(String participant) {
        return api.request("GET", "/v1/tenants/acme/participants/" + participant).send();
    }

    private ApiResponse slackPost(String url, String body, long timestamp) {
        return to(url).body(body)
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", SlackEventsVerifier.sign(SIGNING_SECRET, Long.toString(timestamp),
                        body.getBytes(StandardCharsets.UTF_8))).send();
    }

    private ApiResponse telegramPost(String url, String token, String body) {
        return to(url).body(body)
                .header("X-Telegram-Bot-Api-Secret-Token", token).send();
    }

    private ApiResponse twilioPost(String url, List<Map.Entry<String, String>> params, String signature) {
        StringBuilder form = new StringBuilder();
        params.forEach(p -> form.append(form.length() == 0 ? "" : "&").append(p.getKey()).append('=')
                .append(java.net.URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8)));
        return to(url).header("content-type", "application/x-www-form-urlencoded")
                .body(form.toString()).header("X-Twilio-Signature", signature).send();
    }

    static String slackMessage(String eventId, String user) {
        return "{\"token\":\"t\",\"team_id\":\"T0001\",\"api_app_id\":\"A0001\",\"event\":{\"type\":\"message\","
                + "\"channel\":\"D0001\",\"user\":\"" + user + "\",\"text\":\"" + TEXT + "\",\"ts\":\"1355517523.000005\","
                + "\"channel_type\":\"im\"},\"type\":\"event_callback\",\"event_id\":\"" + eventId + "\","
                + "\"event_time\":1355517523,\"authorizations\":[{\"user_id\":\"U0BOT\"}]}";
    }

    static String telegramUpdate(long updateId, long chat) {
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":7,\"from\":{\"id\":" + chat
                + ",\"is_bot\":false,\"first_name\":\"Ada\"},\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},"
                + "\"date\":1733380000,\"text\":\"" + TEXT + "\"}}";
    }

    private static JsonNode tree(ApiResponse response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<JsonNode> received(List<JsonNode> events) {
        return events.stream().filter(e -> e.get("type").asText().equals("participants.channel.message_received"))
                .toList();
    }

    /** An anonymous POST to a webhook URL: its path, and its key as the query parameter. */
    private io.participants.api.testing.ApiRequest to(String url) {
        return api.request("POST", java.net.URI.create(url).getRawPath()).anonymous().query("key", lastSegment(url));
    }

    private static String lastSegment(String url) {
        return url.substring(url.indexOf("key=") + 4);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static Map.Entry<String, String> entry(String name, String value) {
        return new AbstractMap.SimpleImmutableEntry<>(name, value);
    }
}
