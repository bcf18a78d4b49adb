package io.participants.api.conversations;

import io.micronaut.json.tree.JsonNode;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.participants.api.conversations.ConversationProblems.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

/** Creating, reading and listing a workspace's conversations. */
class ConversationsIntegrationTest {

    private static ApiHarness api;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aCreatedConversationCanBeReadAtItsLocation() {
        Workspace workspace = new Workspace(api);

        ApiResponse created = workspace.request("POST", workspace.conversations())
                .jsonBody(Map.of("name", "Support", "description", "Inbound")).send();

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(workspace.conversations() + "/" + created.field("id"));
        assertThat(created.field("name")).isEqualTo("Support");
        assertThat(created.field("description")).isEqualTo("Inbound");
        ApiResponse fetched = workspace.get(created.header("Location"));
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(created.body());
    }

    @Test
    void pagesListEveryConversationOnceInCreationOrderAndNoOtherWorkspaces() {
        Workspace workspace = new Workspace(api);
        Workspace other = new Workspace(api);
        other.conversation("Not ours");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            created.add(workspace.conversation("C" + i));
        }

        ApiResponse first = workspace.get(workspace.conversations());

        assertThat(first.json().get("results").size()).isEqualTo(10);
        assertThat(ids(workspace.walk(workspace.conversations(), Map.of()))).containsExactlyElementsOf(created);
        assertThat(ids(workspace.walk(workspace.conversations(), Map.of("limit", "5")))).containsExactlyElementsOf(created);
        assertThat(other.get(workspace.conversations()).status()).as("another workspace's token").isEqualTo(404);
        assertInvalid(workspace.request("GET", workspace.conversations()).query("limit", "0").send(), "limit");
        assertInvalid(workspace.request("GET", workspace.conversations()).query("pageToken", "garbage!").send(),
                "pageToken");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{}                                   | name",
            "{\"name\":\"\"}                      | name",
            "{\"name\":\"  \"}                    | name",
            "{\"name\":5}                         | name",
            "{\"name\":\"x\",\"description\":7}   | description",
            "{\"name\":\"x\",\"topic\":\"y\"}     | topic"})
    void anInvalidConversationIs422(String body, String field) {
        Workspace workspace = new Workspace(api);

        assertInvalid(workspace.request("POST", workspace.conversations()).body(body).send(), field);
    }

    @Test
    void namesAndDescriptionsHaveLimits() {
        Workspace workspace = new Workspace(api);

        assertInvalid(workspace.request("POST", workspace.conversations())
                .jsonBody(Map.of("name", "n".repeat(201))).send(), "name");
        assertInvalid(workspace.request("POST", workspace.conversations())
                .jsonBody(Map.of("name", "n", "description", "d".repeat(2001))).send(), "description");
        assertThat(workspace.request("POST", workspace.conversations())
                .jsonBody(Map.of("name", "n".repeat(200), "description", "d".repeat(2000))).send().status())
                .isEqualTo(201);
        assertThat(workspace.walk(workspace.conversations(), Map.of())).hasSize(1);
    }

    private static List<String> ids(List<JsonNode> results) {
        return results.stream().map(c -> Workspace.string(c, "id")).toList();
    }
}
