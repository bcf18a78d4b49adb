package io.participants.api.pagination;

import io.micronaut.json.tree.JsonNode;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiRequest;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.participants.api.errors.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paging through participants (all, or one agent's) and integration configs: limits from 1 to 100 (default 20),
 * every item exactly once in creation order, a null token on the last page, and opaque tokens that are checked
 * and never reach another tenant's data.
 */
class PaginationIntegrationTest {

    private static final String TENANT = "pages";
    private static final String OTHER = "other";
    private static final int PARTICIPANTS = 45;
    private static final int CONFIGS = 25;
    private static final String AGENT = "pager";

    private static ApiHarness api;
    private static final List<String> participants = new ArrayList<>();
    private static final List<String> bound = new ArrayList<>();
    private static final List<String> configs = new ArrayList<>();
    private static final List<String> otherParticipants = new ArrayList<>();

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        for (int i = 0; i < PARTICIPANTS; i++) {
            Map<String, Object> body = new HashMap<>();
            body.put("displayName", "Participant " + i);
            if (i % 3 == 0) {
                body.put("agentIds", List.of(AGENT));
            }
            String id = created(call("POST", participantsPath(TENANT)).jsonBody(body).send());
            participants.add(id);
            if (i % 3 == 0) {
                bound.add(id);
            }
        }
        for (int i = 0; i < CONFIGS; i++) {
            configs.add(created(call("POST", configsPath(TENANT))
                    .jsonBody(Map.of("provider", "EMAIL", "name", "Config " + i)).send()));
        }
        for (int i = 0; i < 5; i++) {
            otherParticipants.add(created(call("POST", participantsPath(OTHER))
                    .jsonBody(Map.of("displayName", "Other " + i, "agentIds", List.of(AGENT))).send()));
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void theDefaultPageHoldsTwenty() {
        ApiResponse page = call("GET", participantsPath(TENANT)).send();

        assertThat(ids(page)).containsExactlyElementsOf(participants.subList(0, 20));
        assertThat(token(page)).isNotNull();
        ApiResponse configPage = call("GET", configsPath(TENANT)).send();
        assertThat(ids(configPage)).containsExactlyElementsOf(configs.subList(0, 20));
        assertThat(token(configPage)).isNotNull();
    }

    @Test
    void oneAndOneHundredAreAccepted() {
        ApiResponse one = call("GET", participantsPath(TENANT)).query("limit", "1").send();
        ApiResponse hundred = call("GET", participantsPath(TENANT)).query("limit", "100").send();

        assertThat(ids(one)).containsExactly(participants.get(0));
        assertThat(token(one)).isNotNull();
        assertThat(ids(hundred)).containsExactlyElementsOf(participants);
        assertThat(hundred.json().get("nextPageToken").isNull()).isTrue();
        assertThat(ids(call("GET", configsPath(TENANT)).query("limit", "100").send()))
                .containsExactlyElementsOf(configs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "abc", "1.5", "99999999999", "\u0661\u0660", "\uFF11\uFF10", " 10", "1e1"})
    void limitsOutsideOneToHundredAreRefused(String limit) {
        assertProblem(call("GET", participantsPath(TENANT)).query("limit", limit).send(), 400,
                "invalid-request", "limit");
        assertProblem(call("GET", configsPath(TENANT)).query("limit", limit).send(), 400,
                "invalid-request", "limit");
        assertProblem(call("GET", participantsPath(TENANT)).query("agentId", AGENT).query("limit", limit)
                .send(), 400, "invalid-request", "limit");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 15, 20, 44, 45, 100})
    void walkingThePagesVisitsEveryParticipantOnceInCreationOrder(int limit) {
        assertThat(walk(call("GET", participantsPath(TENANT)), limit))
                .containsExactlyElementsOf(participants);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 5, 100})
    void walkingOneAgentsPagesVisitsEachOfItsParticipantsOnce(int limit) {
        assertThat(walk(call("GET", participantsPath(TENANT)).query("agentId", AGENT), limit))
                .containsExactlyElementsOf(bound);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 25})
    void walkingTheConfigPagesVisitsEveryConfigOnceInCreationOrder(int limit) {
        assertThat(walk(call("GET", configsPath(TENANT)), limit)).containsExactlyElementsOf(configs);
    }

    @Test
    void anEmptyDirectoryIsOneEmptyLastPage() {
        ApiResponse page = call("GET", participantsPath("nobody")).send();

        assertThat(page.status()).isEqualTo(200);
        assertThat(ids(page)).isEmpty();
        assertThat(page.json().get("nextPageToken").isNull()).isTrue();
        assertThat(ids(call("GET", participantsPath(TENANT)).query("agentId", "nobody-s-agent").send()))
                .isEmpty();
    }

    @Test
    void anEmptyTokenIsTheFirstPage() {
        assertThat(ids(call("GET", participantsPath(TENANT)).query("limit", "3").query("pageToken", "")
                .send())).containsExactlyElementsOf(participants.subList(0, 3));
    }

    @Test
    void garbageAndTamperedTokensAreRefused() {
        String valid = token(call("GET", participantsPath(TENANT)).query("limit", "2").send());
        List<String> bad = List.of("!!!", "abc", "%00", "x".repeat(1025), encode("PARTICIPANT#not-a-uuid"),
                encode("PARTICIPANT#" + UUID.randomUUID() + "#x"), encode("CONFIG#" + UUID.randomUUID()),
                encode("T#" + OTHER), "X" + valid.substring(1), valid.substring(0, valid.length() - 3));

        for (String token : bad) {
            assertProblem(call("GET", participantsPath(TENANT)).query("pageToken", token).send(), 400,
                    "invalid-request", "pageToken");
        }
        assertProblem(call("GET", participantsPath(TENANT)).query("agentId", AGENT).query("pageToken", "!!!")
                .send(), 400, "invalid-request", "pageToken");
    }

    @Test
    void aTokenOfOneListIsRefusedByTheOther() {
        String participantToken = token(call("GET", participantsPath(TENANT)).query("limit", "2").send());
        String configToken = token(call("GET", configsPath(TENANT)).query("limit", "2").send());

        assertProblem(call("GET", configsPath(TENANT)).query("pageToken", participantToken).send(), 400,
                "invalid-request", "pageToken");
        assertProblem(call("GET", participantsPath(TENANT)).query("pageToken", configToken).send(), 400,
                "invalid-request", "pageToken");
    }

    @Test
    void aTokenNeverCrossesIntoAnotherTenant() {
        String fromPages = token(call("GET", participantsPath(TENANT)).query("limit", "1").send());
        String fromPagesByAgent = token(call("GET", participantsPath(TENANT)).query("agentId", AGENT)
                .query("limit", "1").send());

        ApiResponse onOther = call("GET", participantsPath(OTHER))
                .query("pageToken", fromPages).query("limit", "100").send();
        ApiResponse onOtherByAgent = call("GET", participantsPath(OTHER))
                .query("agentId", AGENT).query("pageToken", fromPagesByAgent).query("limit", "100").send();

        for (ApiResponse response : List.of(onOther, onOtherByAgent)) {
            if (response.status() == 200) {
                assertThat(otherParticipants).containsAll(ids(response));
            } else {
                assertProblem(response, 400, "invalid-request", "pageToken");
            }
            assertThat(response.body()).doesNotContain("Participant ");
        }
    }

    @Test
    void theTenantOfATokenIsTheCallersEvenWhenTheTokenNamesAnother() {
        ApiResponse forged = call("GET", participantsPath(OTHER))
                .query("pageToken", encode("PARTICIPANT#" + participants.get(0))).query("limit", "100").send();

        if (forged.status() == 200) {
            assertThat(otherParticipants).containsAll(ids(forged));
        } else {
            assertProblem(forged, 400, "invalid-request", "pageToken");
        }
    }

    /** Follows nextPageToken to the end, checking every page's size, and returns the ids in the order seen. */
    private static List<String> walk(ApiRequest first, int limit) {
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            ApiRequest request = first.query("limit", Integer.toString(limit));
            if (token != null) {
                request.query("pageToken", token);
            }
            ApiResponse page = request.send();
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            List<String> ids = ids(page);
            assertThat(ids).hasSizeLessThanOrEqualTo(limit);
            token = token(page);
            if (token != null) {
                assertThat(ids).as("a page before the last is full").hasSize(limit);
            } else {
                assertThat(page.json().get("nextPageToken").isNull()).as("the last page's token is null").isTrue();
                assertThat(ids.isEmpty() && pages > 0).as("no empty page after a full one").isFalse();
            }
            seen.addAll(ids);
            assertThat(++pages).as("pages walked").isLessThanOrEqualTo(200);
        } while (token != null);
        assertThat(seen).doesNotHaveDuplicates();
        return seen;
    }

    private static List<String> ids(ApiResponse page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode item : page.json().get("results").values()) {
            ids.add(item.get("id").getStringValue());
        }
        return ids;
    }

    private static String token(ApiResponse page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.field("nextPageToken");
    }

    private static String created(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.field("id");
    }

    private static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    /** A request authorised for the tenant its path names. */
    private static ApiRequest call(String method, String path) {
        return api.request(method, path).tenant(path.split("/")[3]);
    }

    private static String participantsPath(String tenant) {
        return "/v1/tenants/" + tenant + "/participants";
    }

    private static String configsPath(String tenant) {
        return "/v1/tenants/" + tenant + "/integrations/configs";
    }
}
