package io.participants.api.changes;

import com.fasterxml.jackson.databind.JsonNode;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each kind of participant and integration config write, through the real handler over DynamoDB Local, yields
 * exactly its one change event through the publisher; a refused request yields none.
 */
class ParticipantChangeEventsIntegrationTest {

    private static final String PARTICIPANTS = "/v1/tenants/acme/participants";
    private static final String CONFIGS = "/v1/tenants/acme/integrations/configs";

    private static ApiHarness api;
    private static PublishedChanges changes;
    private static String slackConfig;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        changes = new PublishedChanges(api.table());
        slackConfig = api.request("POST", CONFIGS).jsonBody(Map.of("provider", "SLACK", "name", "Acme Slack"))
                .send().field("id");
    }

    @AfterAll
    static void stop() {
        api.close();
        changes.close();
    }

    @BeforeEach
    void publishEarlierWrites() {
        changes.events();
    }

    private static ApiResponse create(String name, String address) {
        Map<String, Object> body = address == null ? Map.of("displayName", name, "agentIds", List.of("agent-1"))
                : Map.of("displayName", name, "email", name.toLowerCase().replace(' ', '.') + "@example.com",
                "channels", List.of(Map.of("integrationConfigId", slackConfig, "address", address, "label", "work")),
                "agentIds", List.of("agent-1"));
        ApiResponse created = api.request("POST", PARTICIPANTS).jsonBody(body).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    @Test
    void aCreatedParticipantIsOneCloudEventWithItsPublicFields() {
        ApiResponse created = create("Ada Lovelace", "U0ADA0001");
        String id = created.field("id");

        JsonNode event = changes.event();

        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(UUID.fromString(event.get("id").asText())).isNotNull();
        assertThat(event.get("source").asText()).isEqualTo("participants-api");
        assertThat(event.get("type").asText()).isEqualTo("participants.participant.created");
        assertThat(event.get("subject").asText()).isEqualTo("tenants/acme/participants/" + id);
        assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.get("tenant").asText()).isEqualTo("acme");
        assertThat(event.get("resourceversion").asLong()).isEqualTo(1);
        long modifiedAt = created.json().get("modifiedAt").getLongValue();
        assertThat(Instant.parse(event.get("time").asText()).toEpochMilli()).isEqualTo(modifiedAt);
        JsonNode data = event.get("data");
        assertThat(data.get("id").asText()).isEqualTo(id);
        assertThat(data.get("kind").asText()).isEqualTo("PERSON");
        assertThat(data.get("displayName").asText()).isEqualTo("Ada Lovelace");
        assertThat(data.get("email").asText()).isEqualTo("ada.lovelace@example.com");
        assertThat(data.get("channels").get(0).get("integrationConfigId").asText()).isEqualTo(slackConfig);
        assertThat(data.get("channels").get(0).get("address").asText()).isEqualTo("U0ADA0001");
        assertThat(data.get("channels").get(0).get("label").asText()).isEqualTo("work");
        assertThat(data.get("agentIds").get(0).asText()).isEqualTo("agent-1");
        assertThat(data.get("disabledAt").isNull()).isTrue();
        assertThat(data.get("createdAt").asLong()).isEqualTo(created.json().get("createdAt").getLongValue());
        assertThat(data.has("avatarHash")).isFalse();
    }

    @Test
    void theEventBridgeEntryNamesTheBusTheSourceAndTheTypeAsDetailType() {
        create("Entry Check", null);

        changes.publish(changes.records());

        JsonNode entry = changes.bridge.accepted().get(0);
        assertThat(entry.get("EventBusName").asText()).isEqualTo(PublishedChanges.BUS);
        assertThat(entry.get("Source").asText()).isEqualTo("participants-api");
        assertThat(entry.get("DetailType").asText()).isEqualTo("participants.participant.created");
        assertThat(entry.has("Time")).isTrue();
        changes.bridge.reset();
    }

    @Test
    void aPatchIsUpdatedWithTheNamesOfTheFieldsItChanged() {
        String id = create("Grace Hopper", "U0GRACE01").field("id");
        changes.events();

        ApiResponse patched = api.request("PATCH", PARTICIPANTS + "/" + id)
                .jsonBody(Map.of("displayName", "Grace B. Hopper", "agentIds", List.of("agent-1", "agent-2"))).send();
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);

        JsonNode event = changes.event();
        assertThat(event.get("type").asText()).isEqualTo("participants.participant.updated");
        assertThat(event.get("resourceversion").asLong()).isEqualTo(2);
        assertThat(texts(event.get("data").get("changedFields"))).containsExactly("displayName", "agentIds");
        assertThat(event.get("data").get("displayName").asText()).isEqualTo("Grace B. Hopper");
    }

    @Test
    void disableAndEnableAreTheirOwnEventsAndRepeatingOneYieldsNone() {
        String id = create("Katherine Johnson", null).field("id");
        changes.events();

        assertThat(api.request("POST", PARTICIPANTS + "/" + id + ":disable").send().status()).isEqualTo(200);
        JsonNode disabled = changes.event();
        assertThat(disabled.get("type").asText()).isEqualTo("participants.participant.disabled");
        assertThat(disabled.get("resourceversion").asLong()).isEqualTo(2);
        assertThat(disabled.get("data").get("disabledAt").isNumber()).isTrue();

        assertThat(api.request("POST", PARTICIPANTS + "/" + id + ":disable").send().status()).isEqualTo(200);
        assertThat(changes.events()).as("disabling a disabled participant writes nothing").isEmpty();

        assertThat(api.request("POST", PARTICIPANTS + "/" + id + ":enable").send().status()).isEqualTo(200);
        JsonNode enabled = changes.event();
        assertThat(enabled.get("type").asText()).isEqualTo("participants.participant.enabled");
        assertThat(enabled.get("resourceversion").asLong()).isEqualTo(3);
        assertThat(enabled.get("data").get("disabledAt").isNull()).isTrue();
    }

    @Test
    void bindAndUnbindAreTheirOwnEventsAndAPatchOfAgentsAfterwardsIsAnUpdate() {
        String id = create("Dorothy Vaughan", null).field("id");
        changes.events();

        assertThat(api.request("PUT", PARTICIPANTS + "/" + id + "/bindings/agent-9").send().status()).isEqualTo(204);
        JsonNode bound = changes.event();
        assertThat(bound.get("type").asText()).isEqualTo("participants.participant.bound");
        assertThat(bound.get("data").get("agentId").asText()).isEqualTo("agent-9");
        assertThat(texts(bound.get("data").get("agentIds"))).containsExactly("agent-1", "agent-9");

        assertThat(api.request("PUT", PARTICIPANTS + "/" + id + "/bindings/agent-9").send().status()).isEqualTo(204);
        assertThat(changes.events()).as("binding a bound agent writes nothing").isEmpty();

        assertThat(api.request("DELETE", PARTICIPANTS + "/" + id + "/bindings/agent-1").send().status())
                .isEqualTo(204);
        JsonNode unbound = changes.event();
        assertThat(unbound.get("type").asText()).isEqualTo("participants.participant.unbound");
        assertThat(unbound.get("data").get("agentId").asText()).isEqualTo("agent-1");
        assertThat(unbound.get("resourceversion").asLong()).isEqualTo(3);

        // the same attribute changed by a PATCH: an update, never a binding
        ApiResponse patched = api.request("PATCH", PARTICIPANTS + "/" + id)
                .jsonBody(Map.of("agentIds", List.of("agent-3"))).send();
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonNode updated = changes.event();
        assertThat(updated.get("type").asText()).isEqualTo("participants.participant.updated");
        assertThat(texts(updated.get("data").get("changedFields"))).containsExactly("agentIds");
        assertThat(updated.get("data").has("agentId")).isFalse();

        // and disabling after a bind is a disable
        assertThat(api.request("PUT", PARTICIPANTS + "/" + id + "/bindings/agent-4").send().status()).isEqualTo(204);
        changes.events();
        api.request("POST", PARTICIPANTS + "/" + id + ":disable").send();
        assertThat(changes.event().get("type").asText()).isEqualTo("participants.participant.disabled");
        api.request("POST", PARTICIPANTS + "/" + id + ":enable").send();
        changes.events();
        ApiResponse renamed = api.request("PATCH", PARTICIPANTS + "/" + id)
                .jsonBody(Map.of("displayName", "Dorothy J. Vaughan")).send();
        assertThat(renamed.status()).isEqualTo(200);
        JsonNode rename = changes.event();
        assertThat(rename.get("type").asText()).isEqualTo("participants.participant.updated");
        assertThat(texts(rename.get("data").get("changedFields"))).containsExactly("displayName");
    }

    @Test
    void aDeleteIsDeletedWithTheLastStateAndTheNextVersion() {
        ApiResponse created = create("Mary Jackson", "U0MARY001");
        String id = created.field("id");
        changes.events();

        assertThat(api.request("DELETE", PARTICIPANTS + "/" + id).send().status()).isEqualTo(204);

        JsonNode deleted = changes.event();
        assertThat(deleted.get("type").asText()).isEqualTo("participants.participant.deleted");
        assertThat(deleted.get("subject").asText()).isEqualTo("tenants/acme/participants/" + id);
        assertThat(deleted.get("resourceversion").asLong()).isEqualTo(2);
        assertThat(deleted.get("data").get("displayName").asText()).isEqualTo("Mary Jackson");
    }

    @Test
    void refusedRequestsYieldNoEvent() {
        String id = create("Annie Easley", "U0ANNIE01").field("id");
        changes.events();

        // 400: invalid input
        assertThat(api.request("POST", PARTICIPANTS).jsonBody(Map.of("displayName", "")).send().status())
                .isEqualTo(400);
        // 404: no such participant, and another tenant's
        assertThat(api.request("PATCH", PARTICIPANTS + "/" + UUID.randomUUID())
                .jsonBody(Map.of("displayName", "Nobody")).send().status()).isEqualTo(404);
        assertThat(api.request("POST", "/v1/tenants/globex/participants/" + id + ":disable").tenant("globex")
                .send().status()).isEqualTo(404);
        // 409: the channel belongs to another participant
        ApiResponse claimed = api.request("POST", PARTICIPANTS).jsonBody(Map.of("displayName", "Copy",
                "channels", List.of(Map.of("integrationConfigId", slackConfig, "address", "U0ANNIE01")))).send();
        assertThat(claimed.status()).isEqualTo(409);
        // 412: a stale If-Match
        assertThat(api.request("PATCH", PARTICIPANTS + "/" + id).header("If-Match", "\"7\"")
                .jsonBody(Map.of("displayName", "Stale")).send().status()).isEqualTo(412);
        // 409: the config is still used by a channel (its delete lease is taken and released)
        assertThat(api.request("DELETE", CONFIGS + "/" + slackConfig).send().status()).isEqualTo(409);
        // unbinding an agent that is not bound writes nothing
        assertThat(api.request("DELETE", PARTICIPANTS + "/" + id + "/bindings/agent-77").send().status())
                .isEqualTo(204);

        assertThat(changes.events()).isEmpty();
        assertThat(changes.bridge.callSizes()).isEmpty();
    }

    @Test
    void aConfigIsCreatedAndDeletedAndItsDeleteLeaseIsNoEvent() {
        ApiResponse created = api.request("POST", CONFIGS).jsonBody(Map.of("provider", "EMAIL", "name", "Acme mail"))
                .send();
        String id = created.field("id");

        JsonNode event = changes.event();
        assertThat(event.get("type").asText()).isEqualTo("participants.integration_config.created");
        assertThat(event.get("subject").asText()).isEqualTo("tenants/acme/integrations/configs/" + id);
        assertThat(event.get("resourceversion").asLong()).isEqualTo(1);
        assertThat(event.get("data").get("provider").asText()).isEqualTo("EMAIL");
        assertThat(event.get("data").get("name").asText()).isEqualTo("Acme mail");
        assertThat(event.get("data").get("connection").get("status").asText()).isEqualTo("NOT_APPLICABLE");

        assertThat(api.request("DELETE", CONFIGS + "/" + id).send().status()).isEqualTo(204);

        JsonNode deleted = changes.event();
        assertThat(deleted.get("type").asText()).isEqualTo("participants.integration_config.deleted");
        assertThat(deleted.get("resourceversion").asLong()).isEqualTo(2);
    }

    @Test
    void eventsOfOneItemCarryGrowingVersionsAndDistinctIds() {
        String id = create("Order Check", null).field("id");
        api.request("POST", PARTICIPANTS + "/" + id + ":disable").send();
        api.request("POST", PARTICIPANTS + "/" + id + ":enable").send();
        api.request("DELETE", PARTICIPANTS + "/" + id).send();

        List<JsonNode> events = changes.events();

        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly(
                "participants.participant.created", "participants.participant.disabled",
                "participants.participant.enabled", "participants.participant.deleted");
        assertThat(events).extracting(e -> e.get("resourceversion").asLong()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events).extracting(e -> e.get("id").asText()).doesNotHaveDuplicates();
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
