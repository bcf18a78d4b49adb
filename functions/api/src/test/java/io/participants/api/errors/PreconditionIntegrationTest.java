package io.participants.api.errors;

import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.participants.api.errors.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * If-Match on PATCH and DELETE: only the current version's strong tag (or {@code *}) lets a write through; anything
 * else is a 412 that changes nothing.
 */
class PreconditionIntegrationTest {

    private static final String PARTICIPANTS = "/v1/tenants/acme/participants";

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
    void aStaleTagIsAFailedPreconditionAndChangesNothing() {
        String id = createAtVersionTwo("Stale");

        ApiResponse stale = patch(id, "\"1\"", "Overwritten");

        assertProblem(stale, 412, "precondition-failed");
        ApiResponse stored = get(id);
        assertThat(stored.field("displayName")).isEqualTo("Stale v2");
        assertThat(stored.header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void theCurrentTagApplies() {
        String id = createAtVersionTwo("Current");

        ApiResponse patched = patch(id, "\"2\"", "Current v3");

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.header("ETag")).isEqualTo("\"3\"");
    }

    @Test
    void aStarAppliesToWhateverVersionIsStored() {
        String id = createAtVersionTwo("Star");

        ApiResponse patched = patch(id, "*", "Star v3");

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(get(id).field("displayName")).isEqualTo("Star v3");
    }

    @Test
    void aListOfTagsMatchesOnlyThroughACurrentOne() {
        String id = createAtVersionTwo("Listed");

        assertProblem(patch(id, "\"7\", \"8\"", "Never"), 412, "precondition-failed");
        assertThat(patch(id, "\"2\", \"7\"", "Listed v3").status()).isEqualTo(200);
        assertThat(patch(id, "W/\"1\", \"3\"", "Listed v4").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "2", "W/\"2\"", "\"\"", "\"abc\"", "\"-1\"", "\"2", "\"99999999999999999999\""})
    void aTagThatIsNotTheCurrentStrongTagFails(String ifMatch) {
        String id = createAtVersionTwo("Garbage");

        assertProblem(patch(id, ifMatch, "Changed"), 412, "precondition-failed");
        assertThat(get(id).header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void deleteWithAStaleTagFailsAndKeepsTheParticipant() {
        String id = createAtVersionTwo("Kept");

        assertProblem(delete(id, "\"1\""), 412, "precondition-failed");
        assertProblem(delete(id, "garbage"), 412, "precondition-failed");
        assertThat(get(id).status()).isEqualTo(200);

        assertThat(delete(id, "\"2\"").status()).isEqualTo(204);
        assertProblem(get(id), 404, "not-found");
    }

    @Test
    void deleteWithAStarDeletes() {
        String id = createAtVersionTwo("Starred");

        assertThat(delete(id, "*").status()).isEqualTo(204);
        assertProblem(delete(id, "*"), 404, "not-found");
    }

    @Test
    void aMissingParticipantIsNotFoundWhateverTheTag() {
        String missing = "01900000-0000-7000-8000-000000000000";

        assertProblem(patch(missing, "\"1\"", "x"), 404, "not-found");
        assertProblem(patch(missing, "*", "x"), 404, "not-found");
        assertProblem(delete(missing, "\"1\""), 404, "not-found");
    }

    /** A participant whose stored version is 2, so that tag 1 is stale. */
    private static String createAtVersionTwo(String name) {
        ApiResponse created = api.request("POST", PARTICIPANTS).jsonBody(Map.of("displayName", name)).send();
        String id = created.field("id");
        ApiResponse second = patch(id, "\"1\"", name + " v2");
        assertThat(second.header("ETag")).as(second.toString()).isEqualTo("\"2\"");
        return id;
    }

    private static ApiResponse patch(String id, String ifMatch, String displayName) {
        return api.request("PATCH", PARTICIPANTS + "/" + id).header("If-Match", ifMatch)
                .jsonBody(Map.of("displayName", displayName)).send();
    }

    private static ApiResponse delete(String id, String ifMatch) {
        return api.request("DELETE", PARTICIPANTS + "/" + id).header("If-Match", ifMatch).send();
    }

    private static ApiResponse get(String id) {
        return api.request("GET", PARTICIPANTS + "/" + id).send();
    }
}
