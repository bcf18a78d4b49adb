package io.participants.api.conversations;

import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.UUID;

import static io.participants.api.conversations.ConversationProblems.assertInvalid;
import static io.participants.api.conversations.ConversationProblems.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

/** POST and DELETE of conversation participants: idempotent adds by identity, validation, and removal. */
class AddAndRemoveParticipantIntegrationTest {

    private static final String VALID_CONTACT =
            "\"contact\":{\"identifierKey\":\"emailaddress\",\"identifierValue\":\"ada@example.com\"}";

    private static ApiHarness api;
    private static Workspace workspace;
    private static String conversation;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        workspace = new Workspace(api);
        conversation = workspace.conversation("Adds");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aContactIsAddedActiveWithLocationAndEtag() {
        ApiResponse added = workspace.add(conversation, Workspace.contact("emailaddress", "grace@example.com", null));

        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        String id = added.field("id");
        assertThat(added.header("Location")).isEqualTo(workspace.participants(conversation) + "/" + id);
        assertThat(added.header("ETag")).isEqualTo("\"1\"");
        assertThat(added.field("status")).isEqualTo("active");
        assertThat(added.field("type")).isEqualTo("contact");
        assertThat(added.field("conversationId")).isEqualTo(conversation);
        assertThat(UUID.fromString(id).version()).isEqualTo(5);

        ApiResponse fetched = workspace.get(added.header("Location"));
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(added.body());
        assertThat(fetched.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void addingTheSameMemberAgainAnswers200WithTheSameParticipant() {
        ApiResponse first = workspace.add(conversation, Workspace.contact("slackid", "U0SAME", "pending"));
        ApiResponse second = workspace.add(conversation, Workspace.contact("slackid", "U0SAME", "active"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.header("Location")).isNull();
        assertThat(second.header("ETag")).isEqualTo("\"1\"");
        assertThat(second.body()).isEqualTo(first.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "agent", "flow", "bot"})
    void membersOtherThanContactsAreAddedById(String type) {
        ApiResponse added = workspace.add(conversation, Map.of("type", type, "id", "ref-" + type, "status", "invited"));
        ApiResponse again = workspace.add(conversation, Map.of("type", type, "id", "ref-" + type));
        ApiResponse otherType = workspace.add(conversation, Map.of("type", "user".equals(type) ? "bot" : "user",
                "id", "ref-" + type));

        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.field("type")).isEqualTo(type);
        assertThat(added.field("refId")).isEqualTo("ref-" + type);
        assertThat(added.field("status")).isEqualTo("invited");
        assertThat(added.json().get("contact").isNull()).isTrue();
        assertThat(added.json().get("displayName").isNull()).isTrue();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.field("id")).isEqualTo(added.field("id"));
        assertThat(otherType.status()).isEqualTo(201);
        assertThat(otherType.field("id")).isNotEqualTo(added.field("id"));
    }

    @Test
    void theSameMemberHasAnotherIdInAnotherConversation() {
        String other = workspace.conversation("Other");
        ApiResponse here = workspace.add(conversation, Workspace.contact("slackid", "U0TWICE", null));
        ApiResponse there = workspace.add(other, Workspace.contact("slackid", "U0TWICE", null));

        assertThat(there.status()).isEqualTo(201);
        assertThat(there.field("id")).isNotEqualTo(here.field("id"));
    }

    @Test
    void addingToAnUnknownConversationIsNotFound() {
        assertNotFound(workspace.add(UUID.randomUUID().toString(), Workspace.contact("slackid", "U1", null)));
        assertNotFound(workspace.add("not-a-uuid", Workspace.contact("slackid", "U1", null)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{}                                                                       | type",
            "{\"id\":\"u\"}                                                           | type",
            "{\"type\":\"robot\",\"id\":\"u\"}                                        | type",
            "{\"type\":\"Contact\"," + VALID_CONTACT + "}                             | type",
            "{\"type\":5,\"id\":\"u\"}                                                | type",
            "{\"type\":\"contact\"}                                                   | contact",
            "{\"type\":\"contact\",\"contact\":null}                                  | contact",
            "{\"type\":\"user\"}                                                      | id",
            "{\"type\":\"user\",\"id\":\"\"}                                          | id",
            "{\"type\":\"bot\",\"id\":7}                                              | id",
            "{\"type\":\"contact\",\"id\":\"x\"," + VALID_CONTACT + "}                | id",
            "{\"type\":\"user\",\"id\":\"u\"," + VALID_CONTACT + "}                   | contact",
            "{\"type\":\"user\",\"id\":\"u\",\"x\":1}                                 | x",
            "{\"type\":\"user\",\"id\":\"u\",\"status\":\"gone\"}                     | status",
            "{\"type\":\"contact\",\"contact\":{\"identifierKey\":\"emailaddress\",\"identifierValue\":\"not-an-email\"}} | contact.identifierValue",
            "{\"type\":\"contact\",\"contact\":{\"identifierKey\":\"phonenumber\",\"identifierValue\":\"4155550100\"}}   | contact.identifierValue",
            "{\"type\":\"contact\",\"contact\":{\"identifierKey\":\"phonenumber\",\"identifierValue\":\"+1 415 CALL\"}}  | contact.identifierValue",
            "{\"type\":\"contact\",\"contact\":{\"identifierKey\":\"emailaddress\"}}                                     | contact.identifierValue",
            "{\"type\":\"contact\",\"contact\":{\"identifierValue\":\"x\"}}                                              | contact.identifierKey",
            "{\"type\":\"contact\",\"contact\":{\"identifierKey\":\"bad key\",\"identifierValue\":\"x\"}}                | contact.identifierKey",
            "{\"type\":\"contact\",\"contact\":{\"identifierKey\":\"slackid\",\"identifierValue\":\"x\",\"y\":1}}        | contact.y"})
    void anInvalidBodyIs422NamingTheField(String body, String field) {
        int before = participantCount();

        assertInvalid(workspace.request("POST", workspace.participants(conversation)).body(body).send(), field);

        assertThat(participantCount()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "null", "\"contact\"", "{", "{\"type\":\"user\",\"id\":\"u\"} x", ""})
    void aBodyThatIsNotAnObjectIs422(String body) {
        assertInvalid(workspace.request("POST", workspace.participants(conversation)).body(body).send());
    }

    @Test
    void opaqueIdentifierValuesMayHave256Characters() {
        ApiResponse longest = workspace.add(conversation, Workspace.contact("slackid", "v".repeat(256), null));
        ApiResponse tooLong = workspace.add(conversation, Workspace.contact("slackid", "v".repeat(257), null));

        assertThat(longest.status()).as(longest.toString()).isEqualTo(201);
        assertInvalid(tooLong, "contact.identifierValue");
    }

    @Test
    void removedParticipantsAreGoneAndCanBeAddedAgain() {
        String room = workspace.conversation("Removal");
        ApiResponse added = workspace.addContact(room, "emailaddress", "gone@example.com", "inactive");
        String byId = workspace.participants(room) + "/" + added.field("id");
        String byIdentifier = workspace.participant(room, "emailaddress", "gone%40example.com");
        String contactConversations = "/workspaces/" + workspace.id() + "/participants/emailaddress/gone%40example.com"
                + "/conversations";
        assertThat(workspace.get(contactConversations).json().get("results").size()).isEqualTo(1);

        ApiResponse removed = workspace.request("DELETE", byId).send();

        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(removed.body()).isNullOrEmpty();
        assertNotFound(workspace.get(byId));
        assertNotFound(workspace.get(byIdentifier));
        assertNotFound(workspace.patch(byIdentifier, "{\"status\":\"active\"}"));
        assertNotFound(workspace.request("DELETE", byId).send());
        assertThat(workspace.get(workspace.participants(room)).json().get("results").size()).isZero();
        assertThat(workspace.get(contactConversations).json().get("results").size()).isZero();

        ApiResponse back = workspace.add(room, Workspace.contact("emailaddress", "gone@example.com", null));
        assertThat(back.status()).isEqualTo(201);
        assertThat(back.field("id")).isEqualTo(added.field("id"));
        assertThat(back.field("status")).isEqualTo("active");
        assertThat(back.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void removingFromAnUnknownConversationIsNotFound() {
        String id = workspace.add(conversation, Workspace.contact("slackid", "U0KEEP", null)).field("id");

        assertNotFound(workspace.request("DELETE", workspace.participants(UUID.randomUUID().toString()) + "/" + id)
                .send());
        assertThat(workspace.get(workspace.participants(conversation) + "/" + id).status()).isEqualTo(200);
    }

    private static int participantCount() {
        return workspace.walk(workspace.participants(conversation), Map.of("limit", "100")).size();
    }
}
