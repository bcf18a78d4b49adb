package io.participants.api.changes;

import com.fasterxml.jackson.databind.JsonNode;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiRequest;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Conversations and their participants: each accepted write is its one event, each refused one none. */
class ConversationChangeEventsIntegrationTest {

    private static final String WORKSPACE = UUID.randomUUID().toString();
    private static final String CONVERSATIONS = "/workspaces/" + WORKSPACE + "/conversations";

    private static ApiHarness api;
    private static PublishedChanges changes;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        changes = new PublishedChanges(api.table());
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

    private static ApiRequest request(String method, String path) {
        return api.request(method, path).tenant(WORKSPACE).scopes("conversations:read", "conversations:write");
    }

    private static String conversation(String name) {
        ApiResponse created = request("POST", CONVERSATIONS).jsonBody(Map.of("name", name)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }

    private static ApiResponse addContact(String conversation, String email) {
        return request("POST", CONVERSATIONS + "/" + conversation + "/participants").jsonBody(Map.of("type", "contact",
                "contact", Map.of("identifierKey", "emailaddress", "identifierValue", email))).send();
    }

    @Test
    void aCreatedConversationIsOneEvent() {
        String id = conversation("Order 1042");

        JsonNode event = changes.event();

        assertThat(event.get("type").asText()).isEqualTo("participants.conversation.created");
        assertThat(event.get("subject").asText()).isEqualTo("workspaces/" + WORKSPACE + "/conversations/" + id);
        assertThat(event.get("tenant").asText()).isEqualTo(WORKSPACE);
        assertThat(event.get("resourceversion").asLong()).isEqualTo(1);
        assertThat(event.get("data").get("name").asText()).isEqualTo("Order 1042");
    }

    @Test
    void aParticipantIsAddedChangesStatusFromToAndIsRemoved() {
        String conversation = conversation("Order 2001");
        changes.events();

        ApiResponse added = addContact(conversation, "john.doe@example.com");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        String id = added.field("id");
        String path = CONVERSATIONS + "/" + conversation + "/participants/" + id;
        JsonNode addedEvent = changes.event();
        assertThat(addedEvent.get("type").asText()).isEqualTo("participants.conversation_participant.added");
        assertThat(addedEvent.get("subject").asText()).isEqualTo("workspaces/" + WORKSPACE + "/conversations/"
                + conversation + "/participants/" + id);
        assertThat(addedEvent.get("resourceversion").asLong()).isEqualTo(1);
        assertThat(addedEvent.get("data").get("status").asText()).isEqualTo("active");
        assertThat(addedEvent.get("data").get("contact").get("identifierValue").asText())
                .isEqualTo("john.doe@example.com");

        assertThat(request("PATCH", path).body("{\"status\":\"inactive\"}").send().status()).isEqualTo(200);
        JsonNode changed = changes.event();
        assertThat(changed.get("type").asText()).isEqualTo("participants.conversation_participant.status_changed");
        assertThat(changed.get("data").get("from").asText()).isEqualTo("active");
        assertThat(changed.get("data").get("to").asText()).isEqualTo("inactive");
        assertThat(changed.get("data").get("status").asText()).isEqualTo("inactive");
        assertThat(changed.get("resourceversion").asLong()).isEqualTo(2);

        assertThat(request("DELETE", path).send().status()).isEqualTo(204);
        JsonNode removed = changes.event();
        assertThat(removed.get("type").asText()).isEqualTo("participants.conversation_participant.removed");
        assertThat(removed.get("resourceversion").asLong()).isEqualTo(3);

        // added again: the same name-based id restarts at version 1, yet its event is a new one
        assertThat(addContact(conversation, "john.doe@example.com").status()).isEqualTo(201);
        JsonNode again = changes.event();
        assertThat(again.get("type").asText()).isEqualTo("participants.conversation_participant.added");
        assertThat(again.get("subject").asText()).isEqualTo(addedEvent.get("subject").asText());
        assertThat(again.get("resourceversion").asLong()).isEqualTo(1);
        assertThat(again.get("id").asText()).isNotEqualTo(addedEvent.get("id").asText());
    }

    @Test
    void refusedAndUnchangingRequestsYieldNoEvent() {
        String conversation = conversation("Order 3003");
        ApiResponse added = addContact(conversation, "mary.major@example.com");
        String path = CONVERSATIONS + "/" + conversation + "/participants/" + added.field("id");
        assertThat(request("PATCH", path).body("{\"status\":\"inactive\"}").send().status()).isEqualTo(200);
        changes.events();

        // the same contact again: 200 with the existing participant, nothing written
        assertThat(addContact(conversation, "mary.major@example.com").status()).isEqualTo(200);
        // 422: invalid input; 404: no such conversation
        assertThat(request("POST", CONVERSATIONS).jsonBody(Map.of("description", "no name")).send().status())
                .isEqualTo(422);
        assertThat(addContact(UUID.randomUUID().toString(), "x@example.com").status()).isEqualTo(404);
        // the status it already has; a move that is not allowed (409); a stale If-Match (412)
        assertThat(request("PATCH", path).body("{\"status\":\"inactive\"}").send().status()).isEqualTo(200);
        assertThat(request("PATCH", path).body("{\"status\":\"pending\"}").send().status()).isEqualTo(409);
        assertThat(request("PATCH", path).header("If-Match", "\"1\"").body("{\"status\":\"active\"}").send()
                .status()).isEqualTo(412);
        // removing one that is not there
        assertThat(request("DELETE", CONVERSATIONS + "/" + conversation + "/participants/" + UUID.randomUUID())
                .send().status()).isEqualTo(404);

        assertThat(changes.events()).isEmpty();
    }
}
