package io.participants.api.integrations;

import io.micronaut.json.tree.JsonNode;
import io.participants.domain.common.ValidationException;
import io.participants.domain.common.Violations;
import io.participants.domain.integration.IntegrationConfigChanges;

import java.util.Set;

/**
 * Reads an integration config's merge patch by hand, because its rules turn on presence: an absent
 * {@code avatarSyncInterval} leaves the interval alone while an explicit null clears it; {@code gravatar} and
 * {@code messageTextInEvents} are true or false (null is no value for an on/off setting); unknown properties and
 * {@code {}} are refused.
 */
final class ConfigPatch {

    static final String GRAVATAR = "gravatar";
    static final String INTERVAL = "avatarSyncInterval";
    static final String MESSAGE_TEXT = "messageTextInEvents";
    private static final Set<String> FIELDS = Set.of(GRAVATAR, INTERVAL, MESSAGE_TEXT);

    private ConfigPatch() {
    }

    static IntegrationConfigChanges changes(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ValidationException.of("", "the body must be a JSON object");
        }
        Violations v = new Violations();
        for (var entry : body.entries()) {
            v.check(FIELDS.contains(entry.getKey()), entry.getKey(), "is not a known field");
        }
        JsonNode gravatar = body.get(GRAVATAR);
        JsonNode interval = body.get(INTERVAL);
        JsonNode messageText = body.get(MESSAGE_TEXT);
        v.check(gravatar != null || interval != null || messageText != null, "",
                "an update must name gravatar, avatarSyncInterval or messageTextInEvents");
        v.check(gravatar == null || gravatar.isBoolean(), GRAVATAR, "must be true or false");
        v.check(interval == null || interval.isNull() || interval.isString(), INTERVAL,
                "must be an ISO-8601 duration string or null");
        v.check(messageText == null || messageText.isBoolean(), MESSAGE_TEXT, "must be true or false");
        v.throwIfAny();
        return new IntegrationConfigChanges(gravatar == null ? null : gravatar.getBooleanValue(), interval != null,
                interval == null || interval.isNull() ? null : interval.getStringValue(),
                messageText == null ? null : messageText.getBooleanValue());
    }
}
