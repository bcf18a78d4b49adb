package io.participants.api.activations;

import com.fasterxml.jackson.databind.JsonNode;
import io.participants.api.avatars.AvatarStubs;
import io.participants.api.changes.PublishedChanges;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiRequest;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.LocalDynamo;
import io.participants.api.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-binding activations of Microsoft Teams channels through the real handler over DynamoDB Local and its stream:
 * issued with the write that creates the binding or channel (the full URL and clientState in that answer only),
 * Graph's validation handshake, change notifications checked by clientState and recorded once per message id,
 * lifecycle notifications accepted, keys rotated, and every key retired with its binding, channel or participant.
 */
class TeamsActivationsIntegrationTest {

    static final String USER = "6e2f1a3b-9c4d-4e5f-8a7b-0c1d2e3f4a5b";
    static final String OTHER_USER = "0a1b2c3d-0000-4000-8000-00000000beef";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private AvatarStubs stubs;
    private ApiHarness api;
    private PublishedChanges changes;
    private String teams;

    @BeforeEach
    void start() {
        stubs = new AvatarStubs();
        api = stubs.harness();
        changes = new PublishedChanges(api.table());
        teams = api.request("POST", "/v1/tenants/acme/integrations/configs")
                .jsonBody(Map.of("provider", "MICROSOFT_TEAMS", "name", "Contoso Teams")).send().field("id");
    }

    @AfterEach
    void stop() {
        api.close();
        changes.close();
        stubs.close();
    }

    @Test
    void bindHandshakeNotifyRotateAndRetire() {
        List<String> secrets = new ArrayList<>();
        List<String> lines;
        try (LogCapture logs = LogCapture.everything()) {
            String ada = api.request("POST", "/v1/tenants/acme/participants").jsonBody(Map.of("displayName", "Ada",
                    "channels", List.of(Map.of("integrationConfigId", teams, "address", USER)))).send().field("id");
            assertThat(tree(get(ada)).get("channelActivations")).isEmpty();

            // binding an agent issues the binding's activation: its full URL and clientState in this answer only
            ApiResponse bound = api.request("PUT", "/v1/tenants/acme/participants/" + ada + "/bindings/agent-1")
                    .send();
            assertThat(bound.status()).as(bound.toString()).isEqualTo(200);
            assertThat(bound.header("Cache-Control")).isEqualTo("no-store");
            JsonNode issued = tree(bound).get("channelActivations").get(0);
            String url = issued.get("webhookUrl").asText();
            String clientState = issued.get("clientState").asText();
            String prefix = issued.get("webhookKeyPrefix").asText();
            secrets.addAll(List.of(key(url), clientState));
            assertThat(url).startsWith("https://participants.test/v1/webhooks/acme?key=" + prefix + "_");
            assertThat(clientState).hasSize(43);
            assertThat(issued.get("scope").asText()).isEqualTo("PER_BINDING");
            assertThat(issued.get("agentId").asText()).isEqualTo("agent-1");
            assertThat(issued.get("bindingId").asText()).matches("[0-9a-f-]{36}");
            assertThat(issued.get("integrationConfigId").asText()).isEqualTo(teams);
            assertThat(issued.get("provider").asText()).isEqualTo("MICROSOFT_TEAMS");
            assertThat(issued.get("address").asText()).isEqualTo(USER);
            assertThat(issued.get("webhookUrlTemplate").asText())
                    .isEqualTo("https://participants.test/v1/webhooks/acme?key={webhookKey}");
            // binding again is a no-op; reads show the prefix only
            assertThat(api.request("PUT", "/v1/tenants/acme/participants/" + ada + "/bindings/agent-1").send()
                    .status()).isEqualTo(204);
            JsonNode read = tree(get(ada)).get("channelActivations").get(0);
            assertThat(read.get("webhookUrl").isNull()).isTrue();
            assertThat(read.get("clientState").isNull()).isTrue();
            assertThat(read.get("webhookKeyPrefix").asText()).isEqualTo(prefix);
            assertThat(read.get("bindingId").asText()).isEqualTo(issued.get("bindingId").asText());
            assertThat(received(changes.events())).isEmpty();

            // Graph's validation handshake: echoed for a valid key only, nothing recorded
            String token = "Validation: Testing client application reachability for subscription Request-Id: "
                    + "8d4e2b5b-4d56-4f9f-9c5d-1b6b5b0c2a1e & more+";
            ApiResponse echoed = to(url).query("validationToken", token).header("content-type", "text/plain")
                    .send();
            assertThat(echoed.status()).as(echoed.toString()).isEqualTo(200);
            assertThat(echoed.contentType()).startsWith("text/plain");
            assertThat(echoed.body()).isEqualTo(token);
            ApiResponse unknown = api.request("POST", "/v1/webhooks/acme").anonymous()
                    .query("key", "whk_0123456789ab_" + "A".repeat(43)).query("validationToken", token).send();
            assertThat(unknown.status()).isEqualTo(401);
            assertThat(unknown.contentType()).isEqualTo("application/problem+json");
            assertThat(to(url).query("validationToken", "x".repeat(1025)).send().status()).isEqualTo(400);

            // a created chat message: 202, lastMessageAt set, one message_received naming the binding's agent
            ApiResponse accepted = to(url).body(notification(clientState, "1612289765949")).send();
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            long last = tree(get(ada)).get("health").get("channels").get(0).get("lastMessageAt").asLong();
            assertThat(last).isPositive();
            List<JsonNode> events = received(changes.events());
            assertThat(events).hasSize(1);
            JsonNode data = events.get(0).get("data");
            assertThat(data.get("participantId").asText()).isEqualTo(ada);
            assertThat(data.get("integrationConfigId").asText()).isEqualTo(teams);
            assertThat(data.get("provider").asText()).isEqualTo("MICROSOFT_TEAMS");
            assertThat(data.get("address").asText()).isEqualTo(USER);
            assertThat(data.get("agentIds").toString()).isEqualTo("[\"agent-1\"]");
            assertThat(data.get("messageId").asText()).isEqualTo("1612289765949");
            assertThat(data.has("text")).isFalse();

            // redelivered: 202, nothing new
            assertThat(to(url).body(notification(clientState, "1612289765949")).send().status()).isEqualTo(202);
            assertThat(received(changes.events())).isEmpty();

            // a forged clientState (alone or in a batch): 403, nothing recorded
            ApiResponse forged = to(url).body(notification("forged-client-state", "1612289765950")).send();
            assertThat(forged.status()).as(forged.toString()).isEqualTo(403);
            assertThat(forged.contentType()).isEqualTo("application/problem+json");
            String batch = "{\"value\":[" + item(clientState, "1612289765951") + ","
                    + item("forged", "1612289765952") + "]}";
            assertThat(to(url).body(batch).send().status()).isEqualTo(403);
            assertThat(to(url).body(notification(null, "1612289765953")).send().status()).isEqualTo(403);
            assertThat(received(changes.events())).isEmpty();
            assertThat(tree(get(ada)).get("health").get("channels").get(0).get("lastMessageAt").asLong())
                    .isEqualTo(last);

            // lifecycle notifications: 202, nothing recorded; a body Graph never sends: 400
            assertThat(to(url).body(lifecycle(clientState, "reauthorizationRequired")).send().status())
                    .isEqualTo(202);
            assertThat(to(url).body(lifecycle(clientState, "missed")).send().status()).isEqualTo(202);
            assertThat(to(url).body(lifecycle("forged", "subscriptionRemoved")).send().status()).isEqualTo(403);
            ApiResponse bad = to(url).body("{\"value\":{}}").send();
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.contentType()).isEqualTo("application/problem+json");
            assertThat(received(changes.events())).isEmpty();

            // rotation: the new URL and clientState once; the old key stops working at once
            ApiResponse rotated = api.request("POST", "/v1/tenants/acme/participants/" + ada + ":rotateWebhooks")
                    .send();
            assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
            assertThat(rotated.header("Cache-Control")).isEqualTo("no-store");
            JsonNode fresh = tree(rotated).get("channelActivations").get(0);
            String newUrl = fresh.get("webhookUrl").asText();
            String newState = fresh.get("clientState").asText();
            secrets.addAll(List.of(key(newUrl), newState));
            assertThat(fresh.get("webhookKeyPrefix").asText()).isNotEqualTo(prefix);
            assertThat(to(url).body(notification(clientState, "1612289765960")).send().status()).isEqualTo(401);
            assertThat(to(newUrl).body(notification(clientState, "1612289765961")).send().status()).isEqualTo(403);
            assertThat(to(newUrl).body(notification(newState, "1612289765962")).send().status()).isEqualTo(202);
            assertThat(received(changes.events())).hasSize(1);
            assertThat(tree(get(ada)).get("channelActivations").get(0).get("webhookKeyPrefix").asText())
                    .isEqualTo(fresh.get("webhookKeyPrefix").asText());
            assertThat(api.request("POST", "/v1/tenants/acme/participants/" + ada + ":rotateWebhooks")
                    .query("agentId", "agent-9").send().status()).isEqualTo(404);

            // a PATCH adding an agent issues that binding's activation, shown once; the other stays a prefix
            ApiResponse patched = api.request("PATCH", "/v1/tenants/acme/participants/" + ada)
                    .body("{\"agentIds\":[\"agent-1\",\"agent-2\"]}").send();
            assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
            JsonNode both = tree(patched).get("channelActivations");
            assertThat(both).hasSize(2);
            assertThat(both.get(0).get("webhookUrl").isNull()).isTrue();
            String agent2Url = both.get(1).get("webhookUrl").asText();
            String agent2State = both.get(1).get("clientState").asText();
            secrets.addAll(List.of(key(agent2Url), agent2State));
            assertThat(to(agent2Url).query("validationToken", "t").send().status()).isEqualTo(200);

            // unbinding retires its key at once
            assertThat(api.request("DELETE", "/v1/tenants/acme/participants/" + ada + "/bindings/agent-2").send()
                    .status()).isEqualTo(204);
            assertThat(to(agent2Url).query("validationToken", "t").send().status()).isEqualTo(401);
            assertThat(tree(get(ada)).get("channelActivations")).hasSize(1);

            // removing the channel retires the rest; adding one back issues a new key
            ApiResponse moved = api.request("PATCH", "/v1/tenants/acme/participants/" + ada)
                    .jsonBody(Map.of("channels", List.of(Map.of("integrationConfigId", teams,
                            "address", OTHER_USER)))).send();
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
            assertThat(to(newUrl).body(notification(newState, "1612289765970")).send().status()).isEqualTo(401);
            JsonNode movedActivation = tree(moved).get("channelActivations").get(0);
            String lastUrl = movedActivation.get("webhookUrl").asText();
            secrets.addAll(List.of(key(lastUrl), movedActivation.get("clientState").asText()));
            assertThat(movedActivation.get("address").asText()).isEqualTo(OTHER_USER);

            // deleting the participant retires it too, and no key item is left
            assertThat(api.request("DELETE", "/v1/tenants/acme/participants/" + ada).send().status())
                    .isEqualTo(204);
            assertThat(to(lastUrl).query("validationToken", "t").send().status()).isEqualTo(401);
            assertThat(webhookItems()).isEmpty();
            lines = logs.lines();
        }
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(secrets));
    }

    @Test
    void createIssuesOneActivationPerBindingAndTeamsChannel() {
        ApiResponse created = api.request("POST", "/v1/tenants/acme/participants").jsonBody(Map.of(
                "displayName", "Grace", "agentIds", List.of("agent-1", "agent-2"),
                "channels", List.of(Map.of("integrationConfigId", teams, "address", USER),
                        Map.of("integrationConfigId", teams, "address", OTHER_USER)))).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        JsonNode activations = tree(created).get("channelActivations");
        assertThat(activations).hasSize(4).allSatisfy(a -> {
            assertThat(a.get("webhookUrl").asText()).contains("?key=whk_");
            assertThat(a.get("clientState").asText()).hasSize(43);
        });
        assertThat(webhookItems()).hasSize(4);
        String grace = created.field("id");
        assertThat(tree(get(grace)).get("channelActivations")).hasSize(4)
                .allSatisfy(a -> assertThat(a.get("webhookUrl").isNull()).isTrue());

        // more than ten per-binding activations on one participant is refused, nothing written
        List<Map<String, String>> agents = new ArrayList<>();
        ApiResponse tooMany = api.request("PATCH", "/v1/tenants/acme/participants/" + grace)
                .body("{\"agentIds\":[\"a1\",\"a2\",\"a3\",\"a4\",\"a5\",\"a6\"]}").send();
        assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(400);
        assertThat(tooMany.field("type")).isEqualTo("urn:problem-type:participants:too-many-activations");
        assertThat(webhookItems()).hasSize(4);
        assertThat(agents).isEmpty();

        // a Teams config has no webhook of its own
        ApiResponse perConfig = api.request("POST", "/v1/tenants/acme/integrations/configs/" + teams
                + ":generateWebhookUrl").send();
        assertThat(perConfig.status()).isEqualTo(400);
        assertThat(perConfig.field("type")).isEqualTo("urn:problem-type:participants:per-binding-activation");
        assertThat(api.request("POST", "/v1/tenants/acme/integrations/configs/" + teams + ":rotateWebhook").send()
                .field("type")).isEqualTo("urn:problem-type:participants:per-binding-activation");

        // a participant without per-binding activations has nothing to rotate
        String plain = api.request("POST", "/v1/tenants/acme/participants").jsonBody(Map.of("displayName", "Plain"))
                .send().field("id");
        ApiResponse nothing = api.request("POST", "/v1/tenants/acme/participants/" + plain + ":rotateWebhooks")
                .send();
        assertThat(nothing.status()).isEqualTo(200);
        assertThat(nothing.body()).isEqualTo("{\"channelActivations\":[]}");
        assertThat(api.request("POST", "/v1/tenants/acme/participants/" + plain + ":rotateWebhooks")
                .scopes("participants:read").send().status()).isEqualTo(403);
    }

    @Test
    void anIdempotentCreateShowsNoKey() {
        ApiResponse created = api.request("POST", "/v1/tenants/acme/participants")
                .header("Idempotency-Key", "teams-create-1").jsonBody(Map.of("displayName", "Ida",
                        "agentIds", List.of("agent-1"),
                        "channels", List.of(Map.of("integrationConfigId", teams, "address", USER)))).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        // its answer is stored for replays, and made before its write: it shows no key (no key is stored whole)
        assertThat(created.body()).doesNotContain("key=whk_");
        JsonNode activation = tree(get(created.field("id"))).get("channelActivations").get(0);
        assertThat(activation.get("webhookUrl").isNull()).isTrue();
        assertThat(activation.get("clientState").isNull()).isTrue();
        assertThat(activation.get("webhookKeyPrefix").asText()).startsWith("whk_");
        ApiResponse rotated = api.request("POST", "/v1/tenants/acme/participants/" + created.field("id")
                + ":rotateWebhooks").query("agentId", "agent-1").send();
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(tree(rotated).get("channelActivations").get(0).get("webhookUrl").asText()).contains("key=whk_");
    }

    static String notification(String clientState, String messageId) {
        return "{\"value\":[" + item(clientState, messageId) + "]}";
    }

    static String item(String clientState, String messageId) {
        return "{\"subscriptionId\":\"7f105c7d-2dc5-4530-97cd-4e7ae6534c07\","
                + "\"subscriptionExpirationDateTime\":\"2026-12-06T18:23:45.9356913Z\","
                + (clientState == null ? "" : "\"clientState\":\"" + clientState + "\",")
                + "\"changeType\":\"created\",\"resource\":\"chats('19:8ea0e38b-efb3-4757-924a-5f94061cf8c2_"
                + "97f62344-57dc-409c-88ad-c4af14158ff5@unq.gbl.spaces')/messages('" + messageId + "')\","
                + "\"tenantId\":\"84bd8158-6d4d-4958-8b9f-9d6445542f95\",\"resourceData\":{\"id\":\"" + messageId
                + "\",\"@odata.type\":\"#Microsoft.Graph.chatMessage\",\"@odata.id\":\"chats('19:8ea0e38b')/"
                + "messages('" + messageId + "')\"}}";
    }

    static String lifecycle(String clientState, String event) {
        return "{\"value\":[{\"subscriptionId\":\"7f105c7d-2dc5-4530-97cd-4e7ae6534c07\",\"lifecycleEvent\":\""
                + event + "\",\"resource\":\"chats/getAllMessages\",\"clientState\":\"" + clientState + "\","
                + "\"subscriptionExpirationDateTime\":\"2026-12-06T18:23:45.9356913Z\","
                + "\"organizationId\":\"84bd8158-6d4d-4958-8b9f-9d6445542f95\"}]}";
    }

    private List<Map<String, AttributeValue>> webhookItems() {
        return LocalDynamo.client().scan(s -> s.tableName(api.table())).items().stream()
                .filter(i -> i.get("SK").s().startsWith("WEBHOOK#")).toList();
    }

    private ApiResponse get(String participant) {
        return api.request("GET", "/v1/tenants/acme/participants/" + participant).send();
    }

    /** An anonymous POST to a webhook URL: its path, and its key as the query parameter. */
    private ApiRequest to(String url) {
        return api.request("POST", java.net.URI.create(url).getRawPath()).anonymous().query("key", key(url))
                .header("content-type", "application/json");
    }

    private static String key(String url) {
        return url.substring(url.indexOf("key=") + 4);
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
}
