package io.participants.api.conversations;

import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A conversation contact shows the display name of the directory participant whose email or SMS channel has its
 * address, in the same workspace (the directory's tenant), as the directory says it now.
 */
class DirectoryLinkIntegrationTest {

    private static ApiHarness api;
    private static Workspace workspace;
    private static String emailConfig;
    private static String smsConfig;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        workspace = new Workspace(api);
        emailConfig = config(workspace, "EMAIL");
        smsConfig = config(workspace, "SMS");
        directoryParticipant(workspace, "Ada Lovelace", emailConfig, "ada@example.com");
        directoryParticipant(workspace, "Grace Hopper", smsConfig, "+14155550100");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void anEmailContactShowsTheDirectoryName() {
        String conversation = workspace.conversation("Email");

        ApiResponse added = workspace.addContact(conversation, "emailaddress", "Ada@Example.com", "invited");
        ApiResponse patched = workspace.patch(workspace.participant(conversation, "emailaddress", "ada%40example.com"),
                "{\"status\":\"active\"}");
        ApiResponse fetched = workspace.get(workspace.participants(conversation) + "/" + added.field("id"));
        ApiResponse listed = workspace.get(workspace.participants(conversation));

        for (ApiResponse response : List.of(added, patched, fetched)) {
            assertThat(response.field("displayName")).as(response.toString()).isEqualTo("Ada Lovelace");
            assertThat(response.json().get("avatarUrl").isNull()).isTrue();
        }
        assertThat(listed.json().get("results").get(0).get("displayName").getStringValue()).isEqualTo("Ada Lovelace");
    }

    @Test
    void aPhoneContactShowsTheNameOfTheSmsChannelsOwner() {
        String conversation = workspace.conversation("Phone");

        ApiResponse added = workspace.addContact(conversation, "phonenumber", "+1 (415) 555-0100", null);
        ApiResponse fetched = workspace.get(workspace.participant(conversation, "phonenumber", "%2B14155550100"));

        assertThat(added.field("displayName")).isEqualTo("Grace Hopper");
        assertThat(fetched.field("displayName")).isEqualTo("Grace Hopper");
        assertThat(fetched.json().get("avatarUrl").isNull()).isTrue();
    }

    @Test
    void contactsWithoutADirectoryMatchHaveNoDisplayName() {
        String conversation = workspace.conversation("Strangers");

        ApiResponse stranger = workspace.addContact(conversation, "emailaddress", "stranger@example.com", null);
        ApiResponse otherPhone = workspace.addContact(conversation, "phonenumber", "+14155550199", null);
        ApiResponse opaque = workspace.addContact(conversation, "slackid", "ada@example.com", null);
        ApiResponse user = workspace.add(conversation, Map.of("type", "user", "id", "ada@example.com"));

        for (ApiResponse response : List.of(stranger, otherPhone, opaque, user)) {
            assertThat(response.json().get("displayName").isNull()).as(response.toString()).isTrue();
            assertThat(response.json().get("avatarUrl").isNull()).isTrue();
        }
    }

    @Test
    void theNameIsTheDirectorysCurrentOne() {
        Workspace own = new Workspace(api);
        String linus = directoryParticipant(own, "Linus", config(own, "EMAIL"), "linus@example.com");
        String conversation = own.conversation("Renamed");
        String path = own.participant(conversation, "emailaddress", "linus%40example.com");
        own.addContact(conversation, "emailaddress", "linus@example.com", null);

        ApiResponse renamed = api.request("PATCH", "/v1/tenants/" + own.id() + "/participants/" + linus)
                .tenant(own.id()).scopes("participants:write").jsonBody(Map.of("displayName", "Linus Torvalds"))
                .send();

        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(own.get(path).field("displayName")).isEqualTo("Linus Torvalds");
    }

    @Test
    void aChannelThatMovesTakesTheNameWithIt() {
        Workspace own = new Workspace(api);
        String config = config(own, "EMAIL");
        String first = directoryParticipant(own, "First owner", config, "moving@example.com");
        String conversation = own.conversation("Moving");
        String path = own.participant(conversation, "emailaddress", "moving%40example.com");
        own.addContact(conversation, "emailaddress", "moving@example.com", null);
        assertThat(own.get(path).field("displayName")).isEqualTo("First owner");

        ApiResponse deleted = api.request("DELETE", "/v1/tenants/" + own.id() + "/participants/" + first)
                .tenant(own.id()).scopes("participants:write").send();
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(own.get(path).json().get("displayName").isNull()).isTrue();

        directoryParticipant(own, "Second owner", config, "moving@example.com");
        assertThat(own.get(path).field("displayName")).isEqualTo("Second owner");
    }

    @Test
    void anotherWorkspacesDirectoryIsNeverShown() {
        Workspace other = new Workspace(api);
        directoryParticipant(other, "Impostor", config(other, "EMAIL"), "ada@example.com");
        String theirs = other.conversation("Theirs");
        String ours = workspace.conversation("Ours");

        ApiResponse inOther = other.addContact(theirs, "emailaddress", "ada@example.com", null);
        ApiResponse inOurs = workspace.addContact(ours, "emailaddress", "ada@example.com", null);
        ApiResponse unknownThere = other.addContact(theirs, "phonenumber", "+14155550100", null);

        assertThat(inOther.field("displayName")).isEqualTo("Impostor");
        assertThat(inOurs.field("displayName")).isEqualTo("Ada Lovelace");
        assertThat(unknownThere.json().get("displayName").isNull()).as("Grace is in our directory only").isTrue();
    }

    private static String config(Workspace of, String provider) {
        ApiResponse created = api.request("POST", "/v1/tenants/" + of.id() + "/integrations/configs").tenant(of.id())
                .scopes("integrations:admin").jsonBody(Map.of("provider", provider, "name", provider + " channel"))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }

    private static String directoryParticipant(Workspace of, String name, String config, String address) {
        ApiResponse created = api.request("POST", "/v1/tenants/" + of.id() + "/participants").tenant(of.id())
                .scopes("participants:write").jsonBody(Map.of("displayName", name,
                        "channels", List.of(Map.of("integrationConfigId", config, "address", address)))).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }
}
