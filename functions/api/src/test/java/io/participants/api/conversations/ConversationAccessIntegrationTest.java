package io.participants.api.conversations;

import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiRequest;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.participants.api.conversations.ConversationProblems.assertNotFound;
import static io.participants.api.conversations.ConversationProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may reach what: another workspace's data answers exactly as missing data does, paths that cannot name anything
 * are 404, and the token's scopes decide between reading and writing.
 */
class ConversationAccessIntegrationTest {

    private static final String STATUS = "{\"status\":\"active\"}";
    private static final String JOHN = "john.doe%40example.com";

    private static ApiHarness api;
    private static Workspace a;
    private static Workspace b;
    private static String conversation;
    private static String participantId;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        a = new Workspace(api);
        b = new Workspace(api);
        conversation = a.conversation("Private");
        participantId = a.addContact(conversation, "emailaddress", "john.doe@example.com", "invited").field("id");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** One request of each operation of the family, on {@code workspace}'s paths. */
    private static List<ApiRequest> everyOperation(Workspace caller, String workspace, String conversationId,
                                                   String identifierValue) {
        String conversations = "/workspaces/" + workspace + "/conversations";
        String participants = conversations + "/" + conversationId + "/participants";
        return List.of(
                caller.request("GET", conversations + "/" + conversationId),
                caller.request("GET", participants),
                caller.request("POST", participants).jsonBody(Workspace.contact("slackid", "U9", null)),
                caller.request("GET", participants + "/" + participantId),
                caller.request("PATCH", participants + "/" + participantId).body(STATUS),
                caller.request("DELETE", participants + "/" + participantId),
                caller.request("GET", participants + "/emailaddress/" + identifierValue),
                caller.request("PATCH", participants + "/emailaddress/" + identifierValue).body(STATUS));
    }

    @Test
    void aTokenForAnotherWorkspaceFindsNothing() {
        for (ApiRequest request : everyOperation(b, a.id(), conversation, JOHN)) {
            assertNotFound(request.send());
        }
        for (String path : List.of(a.conversations(), "/workspaces/" + a.id() + "/participants/emailaddress/" + JOHN
                + "/conversations")) {
            assertNotFound(b.request("GET", path).send());
        }
        assertNotFound(b.request("POST", a.conversations()).jsonBody(Map.of("name", "x")).send());
        assertUntouched();
    }

    @Test
    void anotherWorkspacesConversationAnswersLikeAMissingOne() {
        // b's token on b's own paths, naming a's conversation: the same answer as a conversation nobody has.
        List<ApiRequest> foreign = everyOperation(b, b.id(), conversation, JOHN);
        String missing = UUID.randomUUID().toString();
        List<ApiRequest> absent = everyOperation(b, b.id(), missing, JOHN);
        for (int i = 0; i < foreign.size(); i++) {
            ApiResponse f = foreign.get(i).send();
            ApiResponse m = absent.get(i).send();
            assertNotFound(f);
            assertNotFound(m);
            assertThat(f.field("detail")).isEqualTo(m.field("detail").replace(missing, conversation));
        }
        assertUntouched();
    }

    @Test
    void aWorkspaceIdThatIsNotAUuidIsNotFound() {
        ApiResponse wrongTenant = a.request("GET", "/workspaces/acme/conversations").send();
        ApiResponse ownTenant = api.request("GET", "/workspaces/acme/conversations").tenant("acme")
                .scopes(Workspace.READ).send();
        ApiResponse upperCase = a.request("GET", "/workspaces/" + a.id().toUpperCase() + "/conversations/"
                + conversation).send();

        assertNotFound(wrongTenant);
        assertNotFound(ownTenant);
        assertNotFound(api.request("POST", "/workspaces/acme/conversations").tenant("acme")
                .scopes(Workspace.WRITE).jsonBody(Map.of("name", "x")).send());
        assertThat(upperCase.status()).as("the same UUID in capitals: " + upperCase).isEqualTo(200);
    }

    @Test
    void unknownConversationsAndParticipantsAreNotFound() {
        for (ApiRequest request : everyOperation(a, a.id(), UUID.randomUUID().toString(), JOHN)) {
            assertNotFound(request.send());
        }
        String participants = a.participants(conversation);
        assertNotFound(a.request("GET", participants + "/" + UUID.randomUUID()).send());
        assertNotFound(a.request("DELETE", participants + "/" + UUID.randomUUID()).send());
        assertNotFound(a.request("PATCH", participants + "/" + UUID.randomUUID()).body(STATUS).send());
        assertNotFound(a.get(participants + "/emailaddress/jane%40example.com"));
        assertNotFound(a.patch(participants + "/emailaddress/jane%40example.com", STATUS));
        assertNotFound(a.patch(participants + "/slackid/U1", STATUS));
    }

    @Test
    void anIdentifierThatCannotBeValidIsNotFoundRatherThanInvalid() {
        String participants = a.participants(conversation);

        assertNotFound(a.get(participants + "/emailaddress/not-an-email"));
        assertNotFound(a.patch(participants + "/emailaddress/not-an-email", STATUS));
        assertNotFound(a.patch(participants + "/phonenumber/14155550100", STATUS));
        assertNotFound(a.patch(participants + "/Bad%20Key/x", STATUS));
    }

    @Test
    void malformedIdsInThePathAreNotFound() {
        String participants = a.participants(conversation);
        for (String id : List.of("not-a-uuid", "123", conversation + "0", conversation.replace("-", ""))) {
            for (ApiRequest request : everyOperation(a, a.id(), id, JOHN)) {
                assertNotFound(request.send());
            }
            assertNotFound(a.get(participants + "/" + id));
            assertNotFound(a.patch(participants + "/" + id, STATUS));
            assertNotFound(a.request("DELETE", participants + "/" + id).send());
        }
        assertUntouched();
    }

    @Test
    void readingNeedsTheReadScopeAndWritingTheWriteScope() {
        String participants = a.participants(conversation);
        String byIdentifier = participants + "/emailaddress/" + JOHN;

        assertProblem(api.request("PATCH", byIdentifier).tenant(a.id()).scopes(Workspace.READ).body(STATUS).send(),
                403, "forbidden");
        assertProblem(api.request("PATCH", participants + "/" + participantId).tenant(a.id()).scopes(Workspace.READ)
                .body(STATUS).send(), 403, "forbidden");
        assertProblem(api.request("POST", participants).tenant(a.id()).scopes(Workspace.READ)
                .jsonBody(Workspace.contact("slackid", "U9", null)).send(), 403, "forbidden");
        assertProblem(api.request("DELETE", participants + "/" + participantId).tenant(a.id())
                .scopes(Workspace.READ).send(), 403, "forbidden");
        assertProblem(api.request("GET", byIdentifier).tenant(a.id()).scopes(Workspace.WRITE).send(), 403,
                "forbidden");
        assertProblem(api.request("GET", byIdentifier).tenant(a.id())
                .scopes("participants:read", "participants:write", "integrations:admin").send(), 403, "forbidden");
        assertThat(api.request("GET", byIdentifier).tenant(a.id()).scopes(Workspace.READ).send().status())
                .isEqualTo(200);
        assertUntouched();
    }

    @Test
    void noClaimsIsUnauthenticated() {
        for (ApiRequest request : everyOperation(a, a.id(), conversation, JOHN)) {
            ApiResponse anonymous = request.anonymous().send();
            assertProblem(anonymous, 401, "unauthenticated");
            assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertUntouched();
    }

    /** Nothing above changed the participant: it is still invited, at version 1. */
    private static void assertUntouched() {
        ApiResponse participant = a.get(a.participants(conversation) + "/" + participantId);
        assertThat(participant.status()).isEqualTo(200);
        assertThat(participant.field("status")).isEqualTo("invited");
        assertThat(participant.header("ETag")).isEqualTo("\"1\"");
        assertThat(a.get(a.participants(conversation)).json().get("results").size()).isEqualTo(1);
    }
}
