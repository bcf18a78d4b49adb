package io.participants.api.conversations;

import io.micronaut.json.tree.JsonNode;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.participants.api.conversations.ConversationProblems.assertInvalid;
import static io.participants.api.conversations.ConversationProblems.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

/** GET .../participants: pages of 10 by default, in the order participants were added, or the reverse. */
class ListParticipantsIntegrationTest {

    private static final int MEMBERS = 23;

    private static ApiHarness api;
    private static Workspace workspace;
    private static String conversation;
    private static final List<String> ADDED = new ArrayList<>();

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        workspace = new Workspace(api);
        conversation = workspace.conversation("Crowd");
        for (int i = 0; i < MEMBERS; i++) {
            ApiResponse added = i % 3 == 0
                    ? workspace.add(conversation, Map.of("type", "user", "id", "user-" + i))
                    : workspace.add(conversation, Workspace.contact("emailaddress", "member" + i + "@example.com",
                    null));
            assertThat(added.status()).isEqualTo(201);
            ADDED.add(added.field("id"));
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void theFirstPageHasTenParticipants() {
        ApiResponse first = workspace.get(workspace.participants(conversation));

        assertThat(first.status()).isEqualTo(200);
        assertThat(ids(first.json().get("results"))).containsExactlyElementsOf(ADDED.subList(0, 10));
        assertThat(first.field("nextPageToken")).isNotBlank();
    }

    @Test
    void pagesWalkEveryParticipantOnceInAddOrder() {
        assertThat(ids(workspace.walk(workspace.participants(conversation), Map.of()))).containsExactlyElementsOf(ADDED);
        assertThat(ids(workspace.walk(workspace.participants(conversation), Map.of("limit", "7"))))
                .containsExactlyElementsOf(ADDED);
        assertThat(ids(workspace.walk(workspace.participants(conversation), Map.of("limit", "1"))))
                .containsExactlyElementsOf(ADDED);
    }

    @Test
    void reverseWalksTheOtherWay() {
        List<String> reversed = new ArrayList<>(ADDED);
        Collections.reverse(reversed);

        assertThat(ids(workspace.walk(workspace.participants(conversation), Map.of("reverse", "true"))))
                .containsExactlyElementsOf(reversed);
        assertThat(ids(workspace.walk(workspace.participants(conversation), Map.of("reverse", "true", "limit", "4"))))
                .containsExactlyElementsOf(reversed);
        assertThat(ids(workspace.walk(workspace.participants(conversation), Map.of("reverse", "false"))))
                .containsExactlyElementsOf(ADDED);
    }

    @Test
    void aLastFullPageHasNoNextToken() {
        ApiResponse all = workspace.request("GET", workspace.participants(conversation)).query("limit", "100").send();
        ApiResponse exact = workspace.request("GET", workspace.participants(conversation))
                .query("limit", Integer.toString(MEMBERS)).send();

        assertThat(ids(all.json().get("results"))).containsExactlyElementsOf(ADDED);
        assertThat(all.json().get("nextPageToken").isNull()).isTrue();
        assertThat(exact.json().get("results").size()).isEqualTo(MEMBERS);
        assertThat(exact.json().get("nextPageToken").isNull()).isTrue();
    }

    @Test
    void addingAnExistingMemberAgainKeepsItsPlace() {
        ApiResponse again = workspace.add(conversation, Map.of("type", "user", "id", "user-0"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(ids(workspace.walk(workspace.participants(conversation), Map.of()))).containsExactlyElementsOf(ADDED);
    }

    @Test
    void anEmptyConversationHasAnEmptyPageAndAnUnknownOneIsNotFound() {
        ApiResponse empty = workspace.get(workspace.participants(workspace.conversation("Empty")));

        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("results").size()).isZero();
        assertThat(empty.json().get("nextPageToken").isNull()).isTrue();
        assertNotFound(workspace.get(workspace.participants(UUID.randomUUID().toString())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "abc", "1.5", "99999999999"})
    void aLimitOutsideOneToAHundredIs422(String limit) {
        assertInvalid(workspace.request("GET", workspace.participants(conversation)).query("limit", limit).send(),
                "limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "1", "yes", "on"})
    void reverseIsTrueOrFalseAndNothingElse(String reverse) {
        assertInvalid(workspace.request("GET", workspace.participants(conversation)).query("reverse", reverse).send(),
                "reverse");
    }

    @Test
    void tamperedPageTokensAre422() {
        String real = workspace.get(workspace.participants(conversation)).field("nextPageToken");
        String decoded = new String(Base64.getUrlDecoder().decode(real), StandardCharsets.UTF_8);
        List<String> tampered = List.of("garbage!", "x", real + "x", real.substring(1),
                encode(decoded.replace('#', '$')), encode("0000000000000#not-a-uuid-at-all-not-a-uuid-at-all"),
                encode("CONVERSATION#" + conversation), encode(decoded + "#extra"), "A".repeat(2000));

        for (String token : tampered) {
            assertInvalid(workspace.request("GET", workspace.participants(conversation)).query("pageToken", token)
                    .send(), "pageToken");
        }
    }

    @Test
    void aTokenOfAnotherListIsRefused() {
        Workspace own = new Workspace(api);
        for (int i = 0; i < 3; i++) {
            own.addContact(own.conversation("C" + i), "emailaddress", "shared@example.com", null);
        }
        String token = own.request("GET", "/workspaces/" + own.id() + "/participants/emailaddress/shared%40example.com"
                + "/conversations").query("limit", "1").send().field("nextPageToken");

        assertInvalid(workspace.request("GET", workspace.participants(conversation)).query("pageToken", token).send(),
                "pageToken");
    }

    private static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> ids(JsonNode results) {
        List<String> ids = new ArrayList<>();
        results.values().forEach(p -> ids.add(Workspace.string(p, "id")));
        return ids;
    }

    private static List<String> ids(List<JsonNode> results) {
        return results.stream().map(p -> Workspace.string(p, "id")).toList();
    }
}
