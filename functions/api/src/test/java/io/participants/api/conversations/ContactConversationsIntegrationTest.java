package io.participants.api.conversations;

import io.micronaut.json.tree.JsonNode;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.participants.api.conversations.ConversationProblems.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /workspaces/{ws}/participants/{key}/{value}/conversations: a contact's conversations, paged and filtered. */
class ContactConversationsIntegrationTest {

    private static final int CONVERSATIONS = 13;

    private static ApiHarness api;
    private static Workspace workspace;
    private static Workspace neighbour;
    private static final Map<String, String> STATUS_BY_CONVERSATION = new HashMap<>();
    private static final Set<String> NEIGHBOURS = new HashSet<>();

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        workspace = new Workspace(api);
        neighbour = new Workspace(api);
        for (int i = 0; i < CONVERSATIONS; i++) {
            String conversation = workspace.conversation("Ada's " + i);
            String status = i % 3 == 0 ? "inactive" : "active";
            workspace.addContact(conversation, "emailaddress", i % 2 == 0 ? "ada@example.com" : "ADA@example.com",
                    status);
            workspace.addContact(conversation, "emailaddress", "bystander@example.com", "active");
            STATUS_BY_CONVERSATION.put(conversation, status);
        }
        workspace.add(workspace.conversation("Without Ada"), Map.of("type", "user", "id", "ada@example.com"));
        for (int i = 0; i < 3; i++) {
            String conversation = neighbour.conversation("Neighbour's " + i);
            neighbour.addContact(conversation, "emailaddress", "ada@example.com", "active");
            NEIGHBOURS.add(conversation);
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void pagesWalkEveryConversationOfTheContactOnce() {
        List<JsonNode> all = workspace.walk(path(workspace, "ada%40example.com"), Map.of());

        assertThat(ids(all)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(STATUS_BY_CONVERSATION.keySet());
        for (JsonNode conversation : all) {
            assertThat(Workspace.string(conversation, "participantStatus"))
                    .isEqualTo(STATUS_BY_CONVERSATION.get(Workspace.string(conversation, "id")));
            assertThat(Workspace.string(conversation, "name")).startsWith("Ada's ");
            assertThat(conversation.get("createdAt").getLongValue()).isPositive();
        }
        assertThat(ids(workspace.walk(path(workspace, "ada%40example.com"), Map.of("limit", "4"))))
                .containsExactlyInAnyOrderElementsOf(STATUS_BY_CONVERSATION.keySet());
    }

    @Test
    void theFirstPageHasTenConversations() {
        ApiResponse first = workspace.get(path(workspace, "ada%40example.com"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("results").size()).isEqualTo(10);
        assertThat(first.field("nextPageToken")).isNotBlank();
    }

    @Test
    void aStatusFilterKeepsOnlyThoseConversations() {
        List<JsonNode> active = workspace.walk(path(workspace, "ada%40example.com"),
                Map.of("status", "active", "limit", "2"));
        List<JsonNode> inactive = workspace.walk(path(workspace, "ada%40example.com"), Map.of("status", "inactive"));
        List<JsonNode> pending = workspace.walk(path(workspace, "ada%40example.com"), Map.of("status", "pending"));

        assertThat(ids(active)).containsExactlyInAnyOrderElementsOf(withStatus("active"));
        assertThat(ids(inactive)).containsExactlyInAnyOrderElementsOf(withStatus("inactive"));
        assertThat(pending).isEmpty();
        assertThat(active).allMatch(c -> "active".equals(Workspace.string(c, "participantStatus")));
    }

    @Test
    void theFilterFollowsStatusChanges() {
        Workspace own = new Workspace(api);
        String conversation = own.conversation("Changing");
        own.addContact(conversation, "phonenumber", "+14155550100", "invited");
        String contact = "/workspaces/" + own.id() + "/participants/phonenumber/%2B14155550100/conversations";

        assertThat(ids(own.walk(contact, Map.of("status", "invited")))).containsExactly(conversation);
        own.patch(own.participant(conversation, "phonenumber", "%2B14155550100"), "{\"status\":\"active\"}");

        assertThat(own.walk(contact, Map.of("status", "invited"))).isEmpty();
        assertThat(ids(own.walk(contact, Map.of("status", "active")))).containsExactly(conversation);
        assertThat(own.walk(contact, Map.of()).get(0).get("participantStatus").getStringValue()).isEqualTo("active");
    }

    @Test
    void anySpellingOfTheContactFindsTheSameConversations() {
        assertThat(ids(workspace.walk(path(workspace, "ADA%40EXAMPLE.COM"), Map.of())))
                .containsExactlyInAnyOrderElementsOf(STATUS_BY_CONVERSATION.keySet());
        assertThat(ids(workspace.walk("/workspaces/" + workspace.id()
                + "/participants/EmailAddress/Ada@Example.com/conversations", Map.of())))
                .containsExactlyInAnyOrderElementsOf(STATUS_BY_CONVERSATION.keySet());
    }

    @Test
    void anUnknownContactHasNoConversations() {
        ApiResponse none = workspace.get(path(workspace, "nobody%40example.com"));
        ApiResponse opaque = workspace.get("/workspaces/" + workspace.id() + "/participants/slackid/U0NONE/conversations");

        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().get("results").size()).isZero();
        assertThat(none.json().get("nextPageToken").isNull()).isTrue();
        assertThat(opaque.json().get("results").size()).isZero();
    }

    @Test
    void anotherWorkspacesConversationsNeverAppear() {
        assertThat(ids(neighbour.walk(path(neighbour, "ada%40example.com"), Map.of())))
                .containsExactlyInAnyOrderElementsOf(NEIGHBOURS);
        assertThat(ids(workspace.walk(path(workspace, "ada%40example.com"), Map.of()))).doesNotContainAnyElementsOf(NEIGHBOURS);
        assertThat(neighbour.get(path(workspace, "ada%40example.com")).status())
                .as("a token for another workspace").isEqualTo(404);
    }

    @Test
    void anInvalidIdentifierOrStatusIs422() {
        assertInvalid(workspace.get(path(workspace, "not-an-email")), "identifierValue");
        assertInvalid(workspace.get("/workspaces/" + workspace.id() + "/participants/phonenumber/4155550100"
                + "/conversations"), "identifierValue");
        assertInvalid(workspace.request("GET", path(workspace, "ada%40example.com")).query("status", "bogus").send(),
                "status");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "x"})
    void aLimitOutsideOneToAHundredIs422(String limit) {
        assertInvalid(workspace.request("GET", path(workspace, "ada%40example.com")).query("limit", limit).send(),
                "limit");
    }

    @Test
    void tamperedOrMismatchedPageTokensAre422() {
        String active = workspace.request("GET", path(workspace, "ada%40example.com")).query("status", "active")
                .query("limit", "1").send().field("nextPageToken");

        for (String token : List.of("garbage!", active + "x", active.substring(2))) {
            assertInvalid(workspace.request("GET", path(workspace, "ada%40example.com")).query("pageToken", token)
                    .send(), "pageToken");
        }
        assertInvalid(workspace.request("GET", path(workspace, "ada%40example.com")).query("status", "inactive")
                .query("pageToken", active).send(), "pageToken");
    }

    /** The path of an email contact's conversations; {@code encodedEmail} goes into the path as given. */
    private static String path(Workspace of, String encodedEmail) {
        return "/workspaces/" + of.id() + "/participants/emailaddress/" + encodedEmail + "/conversations";
    }

    private static Set<String> withStatus(String status) {
        Set<String> ids = new HashSet<>();
        STATUS_BY_CONVERSATION.forEach((id, s) -> {
            if (s.equals(status)) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static List<String> ids(List<JsonNode> results) {
        List<String> ids = new ArrayList<>();
        results.forEach(c -> ids.add(Workspace.string(c, "id")));
        return ids;
    }
}
