package io.participants.api.conversations;

import io.micronaut.json.tree.JsonNode;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.participants.api.conversations.ConversationProblems.assertInvalid;
import static io.participants.api.conversations.ConversationProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** PATCH .../participants/{identifierKey}/{identifierValue}, the public page's operation, through the real handler. */
class UpdateByIdentifierIntegrationTest {

    private static final String JOHN = "john.doe%40example.com";

    private static ApiHarness api;
    private static Workspace workspace;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        workspace = new Workspace(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void thePagesExampleActivatesAnInvitedContact() {
        String conversation = workspace.conversation("Seed example");
        Map<String, Object> body = new LinkedHashMap<>(Workspace.contact("emailaddress", "john.doe@example.com",
                "invited"));
        body.put("contact", Map.of("identifierKey", "emailaddress", "identifierValue", "john.doe@example.com",
                "platformAddressSelector", "attributes.workEmail"));
        ApiResponse added = workspace.add(conversation, body);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);

        ApiResponse updated = workspace.patch(workspace.participant(conversation, "emailaddress", JOHN),
                "{\"status\":\"active\"}");

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.contentType()).isEqualTo("application/json");
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");
        JsonNode json = updated.json();
        assertThat(fieldNames(json)).containsExactlyInAnyOrder("id", "displayName", "avatarUrl", "contact", "type",
                "status", "refId", "conversationId", "createdAt", "updatedAt");
        assertThat(updated.field("id")).isEqualTo(added.field("id"));
        assertThat(json.get("displayName").isNull()).isTrue();
        assertThat(json.get("avatarUrl").isNull()).isTrue();
        JsonNode contact = json.get("contact");
        assertThat(fieldNames(contact)).containsExactlyInAnyOrder("identifierKey", "identifierValue",
                "platformAddress", "platformAddressSelector");
        assertThat(Workspace.string(contact, "identifierKey")).isEqualTo("emailaddress");
        assertThat(Workspace.string(contact, "identifierValue")).isEqualTo("john.doe@example.com");
        assertThat(Workspace.string(contact, "platformAddress")).isEqualTo("john.doe@example.com");
        assertThat(Workspace.string(contact, "platformAddressSelector")).isEqualTo("attributes.workEmail");
        assertThat(updated.field("type")).isEqualTo("contact");
        assertThat(updated.field("status")).isEqualTo("active");
        assertThat(json.get("refId").isNull()).isTrue();
        assertThat(updated.field("conversationId")).isEqualTo(conversation);
        assertThat(json.get("createdAt").getLongValue()).isEqualTo(added.json().get("createdAt").getLongValue());
        assertThat(json.get("updatedAt").getLongValue()).isGreaterThanOrEqualTo(json.get("createdAt").getLongValue());

        ApiResponse fetched = workspace.get(workspace.participant(conversation, "emailaddress", JOHN));
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.header("ETag")).isEqualTo("\"2\"");
        assertThat(fetched.body()).isEqualTo(updated.body());
    }

    @Test
    void thePagesRequestBodyMovesAnInvitedContactToPending() {
        String conversation = workspace.conversation("Seed request");
        workspace.addContact(conversation, "emailaddress", "john.doe@example.com", "invited");

        ApiResponse updated = api.request("PATCH", workspace.participant(conversation, "emailaddress", JOHN))
                .tenant(workspace.id()).scopes(Workspace.WRITE).header("Accept", "*/*")
                .body("{\n\"status\": \"pending\"\n}").send();

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.field("status")).isEqualTo("pending");
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");
    }

    @ParameterizedTest
    @CsvSource({"invited,pending", "invited,active", "invited,inactive", "pending,active", "pending,inactive",
            "active,inactive", "inactive,active"})
    void everyAllowedMoveIsApplied(String from, String to) {
        String path = contactIn(workspace.conversation(from + " to " + to), from);

        ApiResponse updated = workspace.patch(path, "{\"status\":\"" + to + "\"}");

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.field("status")).isEqualTo(to);
        assertThat(workspace.get(path).field("status")).isEqualTo(to);
    }

    @ParameterizedTest
    @CsvSource({"inactive,invited", "inactive,pending", "active,pending", "active,invited", "pending,invited"})
    void aForbiddenMoveIsAConflictThatChangesNothing(String from, String to) {
        String path = contactIn(workspace.conversation(from + " to " + to), from);
        ApiResponse before = workspace.get(path);

        ApiResponse refused = workspace.patch(path, "{\"status\":\"" + to + "\"}");

        assertProblem(refused, 409, "status-transition-not-allowed");
        assertThat(refused.field("detail")).contains(from).contains(to);
        ApiResponse after = workspace.get(path);
        assertThat(after.body()).isEqualTo(before.body());
        assertThat(after.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void theSameStatusAgainChangesNothing() {
        String path = contactIn(workspace.conversation("Same"), "active");
        ApiResponse before = workspace.get(path);

        ApiResponse again = workspace.patch(path, "{\"status\":\"active\"}");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("ETag")).isEqualTo("\"1\"");
        assertThat(again.body()).isEqualTo(before.body());
    }

    @Test
    void anExplicitNullStatusChangesNothing() {
        String path = contactIn(workspace.conversation("Null"), "pending");
        ApiResponse before = workspace.get(path);

        ApiResponse unchanged = workspace.patch(path, "{\"status\":null}");

        assertThat(unchanged.status()).as(unchanged.toString()).isEqualTo(200);
        assertThat(unchanged.header("ETag")).isEqualTo("\"1\"");
        assertThat(unchanged.body()).isEqualTo(before.body());
        assertThat(workspace.get(path).body()).isEqualTo(before.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"status\":\"bogus\"}", "{\"status\":\"Active\"}", "{\"status\":\"active\",\"x\":1}",
            "{\"status\":5}", "{\"status\":true}", "{\"status\":[\"active\"]}", "{\"status\":{}}", "[]", "null", "\"active\"",
            "{\"status\":\"active\"", "{\"status\":\"active\"} {}", "not json", ""})
    void aBodyThatIsNotAStatusChangeIs422AndChangesNothing(String body) {
        String path = contactIn(workspace.conversation("Invalid body"), "invited");
        ApiResponse before = workspace.get(path);

        assertInvalid(workspace.patch(path, body));

        assertThat(workspace.get(path).body()).isEqualTo(before.body());
    }

    @Test
    void invalidBodiesNameTheField() {
        String path = contactIn(workspace.conversation("Field names"), "invited");

        assertInvalid(workspace.patch(path, "{}"), "status");
        assertInvalid(workspace.patch(path, "{\"status\":\"bogus\"}"), "status");
        assertInvalid(workspace.patch(path, "{\"status\":5}"), "status");
        assertInvalid(workspace.patch(path, "{\"status\":\"active\",\"x\":1}"), "x");
    }

    @Test
    void aMissingBodyIs422() {
        String path = contactIn(workspace.conversation("No body"), "invited");

        assertInvalid(workspace.request("PATCH", path).header("content-type", "application/json").send());
    }

    @Test
    void aMergePatchBodyIsAccepted() {
        String path = contactIn(workspace.conversation("Merge patch"), "invited");

        ApiResponse updated = workspace.request("PATCH", path).header("content-type", "application/merge-patch+json")
                .body("{\"status\":\"active\"}").send();

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.field("status")).isEqualTo("active");
    }

    @Test
    void ifMatchGuardsTheChange() {
        String path = contactIn(workspace.conversation("If-Match"), "invited");

        assertProblem(workspace.request("PATCH", path).header("If-Match", "\"7\"").body("{\"status\":\"active\"}")
                .send(), 412, "precondition-failed");
        assertProblem(workspace.request("PATCH", path).header("If-Match", "\"7\"").body("{\"status\":null}")
                .send(), 412, "precondition-failed");
        assertThat(workspace.get(path).field("status")).isEqualTo("invited");

        ApiResponse matched = workspace.request("PATCH", path).header("If-Match", "\"1\"")
                .body("{\"status\":\"pending\"}").send();
        assertThat(matched.status()).as(matched.toString()).isEqualTo(200);
        assertThat(matched.header("ETag")).isEqualTo("\"2\"");

        ApiResponse any = workspace.request("PATCH", path).header("If-Match", "*").body("{\"status\":\"active\"}")
                .send();
        assertThat(any.status()).isEqualTo(200);
        assertThat(any.header("ETag")).isEqualTo("\"3\"");
    }

    @Test
    void theSameChangeWorksByParticipantId() {
        String conversation = workspace.conversation("By id");
        String id = workspace.addContact(conversation, "emailaddress", "john.doe@example.com", "invited").field("id");
        String path = workspace.participants(conversation) + "/" + id;

        ApiResponse updated = workspace.request("PATCH", path).header("If-Match", "\"1\"")
                .body("{\"status\":\"active\"}").send();

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.field("status")).isEqualTo("active");
        assertProblem(workspace.patch(path, "{\"status\":\"pending\"}"), 409, "status-transition-not-allowed");
        assertInvalid(workspace.patch(path, "{\"status\":\"bogus\"}"), "status");
        assertThat(workspace.get(workspace.participant(conversation, "emailaddress", JOHN)).field("status"))
                .isEqualTo("active");
    }

    /** Adds the contact slackid/U1 with {@code status} and returns its path by identifier. */
    private static String contactIn(String conversation, String status) {
        workspace.addContact(conversation, "slackid", "U1", status);
        return workspace.participant(conversation, "slackid", "U1");
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.entries().forEach(e -> names.add(e.getKey()));
        return names;
    }
}
