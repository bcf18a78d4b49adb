package io.participants.api.conversations;

import io.micronaut.json.tree.JsonNode;
import io.participants.domain.common.ValidationException;
import io.participants.domain.common.Violations;

/**
 * Reads a status change body by hand, because its rules turn on presence: {@code {}} and unknown properties are
 * refused, while an explicit {@code "status": null} is a valid request that changes nothing.
 */
final class StatusBody {

    private StatusBody() {
    }

    /** The requested status, or null for an explicit null. */
    static String status(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ValidationException.of("", "the body must be a JSON object");
        }
        Violations v = new Violations();
        for (var entry : body.entries()) {
            v.check(entry.getKey().equals("status"), entry.getKey(), "is not a known field");
        }
        JsonNode status = body.get("status");
        if (v.check(status != null, "status", "is required")) {
            v.check(status.isNull() || status.isString(), "status", "must be a string or null");
        }
        v.throwIfAny();
        return status.isNull() ? null : status.getStringValue();
    }
}
