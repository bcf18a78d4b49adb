package io.participants.api.conversations;

import io.participants.api.errors.ProblemAssert;
import io.participants.api.testing.ApiResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks the conversations family's problem answers: RFC 9457 bodies whose instance is the /workspaces path. */
final class ConversationProblems {

    static final String PREFIX = "urn:problem-type:participants:";

    private ConversationProblems() {
    }

    /** Asserts status and type {@code PREFIX + slug}; with {@code fields}, exactly those fields in errors, in order. */
    static void assertProblem(ApiResponse response, int status, String slug, String... fields) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).isEqualTo("application/problem+json");
        assertThat(response.field("type")).as(response.toString()).isEqualTo(PREFIX + slug);
        assertThat(response.json().get("status").getIntValue()).isEqualTo(status);
        assertThat(response.field("title")).isNotBlank();
        assertThat(response.field("detail")).isNotBlank();
        assertThat(response.field("instance")).as(response.toString()).startsWith("/workspaces/");
        if (fields.length > 0) {
            assertThat(ProblemAssert.errorFields(response)).as(response.toString()).containsExactly(fields);
        }
        ProblemAssert.assertNoInternals(response);
    }

    static void assertInvalid(ApiResponse response, String... fields) {
        assertProblem(response, 422, "validation-failed", fields);
    }

    static void assertNotFound(ApiResponse response) {
        assertProblem(response, 404, "not-found");
    }
}
