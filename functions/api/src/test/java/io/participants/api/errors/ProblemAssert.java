package io.participants.api.errors;

import io.micronaut.json.tree.JsonNode;
import io.participants.api.testing.ApiResponse;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that a response is the RFC 9457 problem the contract promises, and that it shows nothing internal. */
public final class ProblemAssert {

    public static final String PREFIX = "urn:problem-type:participants:";

    /** Words that only appear in a body when a framework message, class name or stack trace got through. */
    private static final List<String> INTERNALS = List.of("Exception", "software.amazon", "io.micronaut",
            "io.participants", "java.", "com.fasterxml", "\tat ", "at [Source", "REDACTED", "StreamReadFeature",
            "Jackson", "START_OBJECT", "START_ARRAY", "VALUE_STRING", "deserializ", "DynamoDB", "ConditionalCheck");

    private ProblemAssert() {
    }

    /**
     * Asserts status, media type, the problem members and the type {@code PREFIX + slug}; with {@code fields}, the
     * {@code errors} member names exactly those fields, in order.
     */
    public static JsonNode assertProblem(ApiResponse response, int status, String slug, String... fields) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).isEqualTo("application/problem+json");
        JsonNode problem = response.json();
        assertThat(response.field("type")).as(response.toString()).isEqualTo(PREFIX + slug);
        assertThat(response.field("title")).as(response.toString()).isNotBlank();
        assertThat(problem.get("status").getIntValue()).isEqualTo(status);
        assertThat(response.field("detail")).as(response.toString()).isNotBlank();
        assertThat(response.field("instance")).as(response.toString()).startsWith("/");
        if (fields.length > 0) {
            assertThat(errorFields(response)).as(response.toString()).containsExactly(fields);
        }
        // a deliberate 502/503 is a problem too; what it must not show is the implementation
        assertBodyShowsNoInternals(response);
        return problem;
    }

    /** The field names of the {@code errors} member; empty when it is null. */
    public static List<String> errorFields(ApiResponse response) {
        JsonNode errors = response.json().get("errors");
        List<String> fields = new ArrayList<>();
        if (errors != null && !errors.isNull()) {
            errors.values().forEach(e -> {
                assertThat(e.get("reason").getStringValue()).isNotBlank();
                fields.add(e.get("field").getStringValue());
            });
        }
        return fields;
    }

    /** No server error, and nothing of the implementation in the body. */
    public static void assertNoInternals(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isLessThan(500);
        assertBodyShowsNoInternals(response);
    }

    private static void assertBodyShowsNoInternals(ApiResponse response) {
        String body = response.body() == null ? "" : response.body();
        for (String internal : INTERNALS) {
            assertThat(body).as(response.toString()).doesNotContain(internal);
        }
    }
}
