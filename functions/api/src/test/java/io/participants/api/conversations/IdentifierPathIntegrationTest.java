package io.participants.api.conversations;

import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static io.participants.api.conversations.ConversationProblems.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identifiers in paths: percent-decoded exactly once, then normalised as on add, so every spelling of one email
 * address or phone number names the same participant, and an encoded percent sign stays a percent sign.
 */
class IdentifierPathIntegrationTest {

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
    void anEmailWrittenInTwoCasesIsOneParticipant() {
        String conversation = workspace.conversation("Email cases");
        ApiResponse added = workspace.addContact(conversation, "emailaddress", "John.Doe@Example.COM", "invited");
        String id = added.field("id");
        assertThat(added.json().get("contact").get("identifierValue").getStringValue()).isEqualTo("john.doe@example.com");

        for (String spelling : List.of("john.doe%40example.com", "JOHN.DOE%40EXAMPLE.COM", "John.Doe@Example.COM",
                "john.doe%40Example.com")) {
            ApiResponse found = workspace.get(workspace.participant(conversation, "emailaddress", spelling));
            assertThat(found.status()).as(spelling + ": " + found).isEqualTo(200);
            assertThat(found.field("id")).isEqualTo(id);
        }
        assertThat(workspace.get(workspace.participant(conversation, "EmailAddress", "john.doe%40example.com"))
                .field("id")).isEqualTo(id);

        ApiResponse pending = workspace.patch(workspace.participant(conversation, "emailaddress",
                "JOHN.DOE%40EXAMPLE.COM"), "{\"status\":\"pending\"}");
        ApiResponse active = workspace.patch(workspace.participant(conversation, "emailaddress",
                "john.doe%40example.com"), "{\"status\":\"active\"}");
        assertThat(pending.field("id")).isEqualTo(id);
        assertThat(active.field("id")).isEqualTo(id);
        assertThat(active.header("ETag")).isEqualTo("\"3\"");

        ApiResponse other = workspace.add(conversation, Workspace.contact("emailaddress", "john.doe@example.com",
                "invited"));
        assertThat(other.status()).as(other.toString()).isEqualTo(200);
        assertThat(other.field("id")).isEqualTo(id);
        assertThat(other.field("status")).as("the stored participant, not the one asked for").isEqualTo("active");
        assertThat(other.header("ETag")).isEqualTo("\"3\"");
        assertThat(workspace.get(workspace.participants(conversation)).json().get("results").size()).isEqualTo(1);
    }

    @Test
    void aPhoneNumberIsFoundByItsEncodedE164Form() {
        String conversation = workspace.conversation("Phone");
        String id = workspace.addContact(conversation, "phonenumber", "+1 (415) 555-0100", "invited").field("id");

        ApiResponse found = workspace.get(workspace.participant(conversation, "phonenumber", "%2B14155550100"));
        ApiResponse spaced = workspace.get(workspace.participant(conversation, "phonenumber",
                "%2B1%20%28415%29%20555-0100"));
        ApiResponse patched = workspace.patch(workspace.participant(conversation, "phonenumber", "%2B14155550100"),
                "{\"status\":\"active\"}");

        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.field("id")).isEqualTo(id);
        assertThat(found.json().get("contact").get("identifierValue").getStringValue()).isEqualTo("+14155550100");
        assertThat(spaced.field("id")).isEqualTo(id);
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.field("status")).isEqualTo("active");
        ApiResponse again = workspace.add(conversation, Workspace.contact("phonenumber", "+14155550100", null));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.field("id")).isEqualTo(id);
    }

    @Test
    void aDoublyEncodedPlusIsNotAPlus() {
        String conversation = workspace.conversation("Double encoding");
        workspace.addContact(conversation, "phonenumber", "+14155550100", "invited");
        String path = workspace.participant(conversation, "phonenumber", "%252B14155550100");

        assertNotFound(workspace.get(path));
        assertNotFound(workspace.patch(path, "{\"status\":\"active\"}"));
        assertThat(workspace.get(workspace.participant(conversation, "phonenumber", "%2B14155550100"))
                .field("status")).isEqualTo("invited");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a%b     | a%25b",
            "a+b     | a%2Bb",
            "a%2Bb   | a%252Bb",
            "a%252Bb | a%25252Bb",
            "a@b     | a%40b",
            "a b     | a%20b",
            "é-λ     | %C3%A9-%CE%BB"})
    void eachEscapeIsDecodedExactlyOnce(String value, String encoded) {
        String conversation = workspace.conversation("Escapes " + encoded);
        for (String neighbour : List.of("a/b", "a%b", "a+b", "a%2Bb", "a%252Bb", "a@b", "a b", "é-λ")) {
            workspace.addContact(conversation, "slackid", neighbour, null);
        }
        String path = workspace.participant(conversation, "slackid", encoded);

        ApiResponse found = workspace.get(path);
        ApiResponse patched = workspace.patch(path, "{\"status\":\"inactive\"}");

        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().get("contact").get("identifierValue").getStringValue()).isEqualTo(value);
        assertThat(patched.field("id")).isEqualTo(found.field("id"));
        long inactive = workspace.walk(workspace.participants(conversation), Map.of()).stream()
                .filter(p -> "inactive".equals(Workspace.string(p, "status"))).count();
        assertThat(inactive).as("only the participant named changed").isEqualTo(1);
    }

    @Test
    void aContactsConversationsAreFoundByAnEncodedIdentifier() {
        Workspace own = new Workspace(api);
        String conversation = own.conversation("Contact lookup");
        own.addContact(conversation, "phonenumber", "+14155550100", null);
        own.addContact(conversation, "slackid", "a/b", null);

        for (String path : List.of("phonenumber/%2B14155550100", "phonenumber/%2B1%20415%20555%200100")) {
            ApiResponse found = own.get("/workspaces/" + own.id() + "/participants/" + path
                    + "/conversations");
            assertThat(found.status()).as(path + ": " + found).isEqualTo(200);
            assertThat(found.json().get("results").size()).as(path).isEqualTo(1);
            assertThat(found.json().get("results").get(0).get("id").getStringValue()).isEqualTo(conversation);
        }
        ApiResponse doubled = own.get("/workspaces/" + own.id()
                + "/participants/slackid/a%252Fb/conversations");
        assertThat(doubled.json().get("results").size()).as("a%2Fb is another identifier").isZero();
    }

    @Test
    void anEncodedSlashCannotAddressAnIdentifier() {
        // HTTP APIs decode the path before the function sees it, so %2F is a separator there: a value with '/'
        // can be added in a body but not named in a path. The answer is a plain 404, never another participant.
        String conversation = workspace.conversation("Slashes");
        workspace.addContact(conversation, "slackid", "a/b", null);

        ApiResponse found = workspace.get(workspace.participant(conversation, "slackid", "a%2Fb"));

        assertThat(found.status()).as(found.toString()).isEqualTo(404);
        assertThat(found.contentType()).isEqualTo("application/problem+json");
    }
}
