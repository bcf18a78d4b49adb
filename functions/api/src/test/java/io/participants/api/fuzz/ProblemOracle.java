package io.participants.api.fuzz;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.participants.api.http.GatewayPaths;
import io.participants.api.http.Problem;
import io.participants.api.http.ProblemType;
import io.participants.api.testing.ApiResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What every answer to a hostile request must be: a 4xx, as {@code application/problem+json}, whose body is a
 * problem with {@code type}, {@code title} and a {@code status} equal to the HTTP status, that shows nothing of the
 * implementation (no exception or class names, no stack frames, no parser internals) and does not echo a huge input
 * back.
 */
final class ProblemOracle {

    /**
     * Words that appear in a body only when a framework message, class name or stack trace got through; those of
     * ProblemAssert, and a few more.
     */
    static final List<String> INTERNALS = List.of("Exception", "software.amazon", "io.micronaut", "io.participants",
            "java.", "com.fasterxml", "\tat ", "at [Source", "REDACTED", "StreamReadFeature", "Jackson",
            "START_OBJECT", "START_ARRAY", "VALUE_STRING", "deserializ", "DynamoDB", "ConditionalCheck", "Caused by",
            "StackOverflow", "OutOfMemory", "NullPointer", "sqlite", "amazonaws", "Throwable", ".java:");

    /** A problem may quote a path or a field, but never a body-sized share of the input. */
    private static final int MAX_BODY = 16 * 1024;

    private ProblemOracle() {
    }

    /** The ways {@code response} departs from a refusal as problem details; empty when it is one. */
    static List<String> violations(HostileRequest request, ApiResponse response, JsonMapper json) {
        List<String> violations = new ArrayList<>();
        int status = response.status();
        if (status < 400 || status > 499) {
            violations.add("status " + status + " is not a 4xx");
        }
        if (!Problem.MEDIA_TYPE.equals(response.contentType())) {
            violations.add("Content-Type " + response.header("Content-Type") + " is not " + Problem.MEDIA_TYPE);
        }
        String body = response.body();
        if (body == null || body.isBlank()) {
            violations.add("no problem body");
            return violations;
        }
        JsonNode problem;
        try {
            problem = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            violations.add("the body is not JSON");
            return violations;
        }
        if (problem == null || !problem.isObject()) {
            violations.add("the body is not a JSON object");
            return violations;
        }
        JsonNode type = problem.get("type");
        if (type == null || !type.isString() || !type.getStringValue().startsWith(ProblemType.PREFIX)) {
            violations.add("type is not one of the API's problem types: " + type);
        }
        JsonNode title = problem.get("title");
        if (title == null || !title.isString() || title.getStringValue().isBlank()) {
            violations.add("no title");
        }
        JsonNode problemStatus = problem.get("status");
        if (problemStatus == null || !problemStatus.isNumber() || problemStatus.getIntValue() != status) {
            violations.add("status member " + problemStatus + " differs from the HTTP status " + status);
        }
        JsonNode detail = problem.get("detail");
        if (detail != null && !detail.isNull() && !detail.isString()) {
            violations.add("detail is not a string");
        }
        String input = request.allInput();
        for (String internal : INTERNALS) {
            if (body.contains(internal) && !input.contains(internal)) {
                violations.add("the body shows an internal detail: " + internal);
            }
        }
        // instance is the path, percent-encoded, and a detail may quote a path variable once more
        int allowed = MAX_BODY + 2 * GatewayPaths.routable(request.path()).length();
        if (body.length() > allowed) {
            violations.add("the body echoes too much (" + body.length() + " chars)");
        }
        return violations;
    }
}
