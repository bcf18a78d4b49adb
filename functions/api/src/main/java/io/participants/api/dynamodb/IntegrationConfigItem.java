package io.participants.api.dynamodb;

import io.participants.domain.common.TenantId;
import io.participants.domain.connection.Connection;
import io.participants.domain.connection.ConnectionState;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.Provider;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An integration config as stored: one item under its tenant's partition. */
final class IntegrationConfigItem {

    /** Present exactly while the config holds a token (connected or rejected). */
    static final String CONNECTION_STATE = "connectionState";
    static final List<String> CONNECTION_ATTRIBUTES =
            List.of(CONNECTION_STATE, "teamId", "keyPrefix", "connectionChangedAt");
    /**
     * 1 on create, +1 on every connection change (not on a delete's lease), so change events can carry it; a config
     * stored before versions existed counts as 1.
     */
    static final String VERSION = "version";
    /** When the connection last changed, kept after a disconnect (which removes connectionChangedAt). */
    static final String MODIFIED_AT = "modifiedAt";

    /** Present (true) only on an EMAIL config that turns Gravatar on. */
    static final String GRAVATAR = "gravatar";
    /** Present only on a config with its own auto-sync interval: an ISO-8601 duration ({@code PT6H}). */
    static final String AVATAR_SYNC_INTERVAL = "avatarSyncInterval";
    /** Present (true) only on a config that keeps and publishes its inbound messages' text. */
    static final String MESSAGE_TEXT_IN_EVENTS = "messageTextInEvents";

    private IntegrationConfigItem() {
    }

    static Map<String, AttributeValue> toItem(IntegrationConfig config) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(
                Keys.key(Keys.tenant(config.tenant()), Keys.config(config.id())));
        item.put("provider", Keys.s(config.provider().name()));
        item.put("name", Keys.s(config.name()));
        item.put("createdAt", Keys.n(config.createdAt()));
        item.put(VERSION, Keys.n(1));
        if (config.gravatar()) {
            item.put(GRAVATAR, AttributeValue.fromBool(true));
        }
        if (config.avatarSyncInterval() != null) {
            item.put(AVATAR_SYNC_INTERVAL, Keys.s(config.avatarSyncInterval().toString()));
        }
        if (config.messageTextInEvents()) {
            item.put(MESSAGE_TEXT_IN_EVENTS, AttributeValue.fromBool(true));
        }
        if (config.connection() != null) {
            item.putAll(connectionAttributes(config.connection()));
        }
        return item;
    }

    static IntegrationConfig toDomain(Map<String, AttributeValue> item) {
        return new IntegrationConfig(
                new TenantId(item.get(ParticipantsTable.PK).s().substring(2)),
                UUID.fromString(item.get(ParticipantsTable.SK).s().substring(Keys.CONFIG.length())),
                Provider.valueOf(item.get("provider").s()),
                item.get("name").s(),
                Long.parseLong(item.get("createdAt").n()),
                connection(item),
                isTrue(item, GRAVATAR),
                avatarSyncInterval(item),
                isTrue(item, MESSAGE_TEXT_IN_EVENTS));
    }

    /** On is the attribute set to true; off its absence (or anything else, written by hand). */
    private static boolean isTrue(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) && Boolean.TRUE.equals(item.get(name).bool());
    }

    /** The config's own interval; null when it has none (or, written by hand, one that does not parse). */
    static Duration avatarSyncInterval(Map<String, AttributeValue> item) {
        String text = text(item.get(AVATAR_SYNC_INTERVAL));
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The attributes of a stored connection, as SET by {@code setConnection}. */
    static Map<String, AttributeValue> connectionAttributes(Connection connection) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put(CONNECTION_STATE, Keys.s(connection.state().name()));
        if (connection.teamId() != null) {
            attributes.put("teamId", Keys.s(connection.teamId()));
        }
        if (connection.keyPrefix() != null) {
            attributes.put("keyPrefix", Keys.s(connection.keyPrefix()));
        }
        attributes.put("connectionChangedAt", Keys.n(connection.changedAt()));
        return attributes;
    }

    private static Connection connection(Map<String, AttributeValue> item) {
        AttributeValue state = item.get(CONNECTION_STATE);
        if (state == null) {
            return null;
        }
        return new Connection(ConnectionState.valueOf(state.s()), text(item.get("teamId")),
                text(item.get("keyPrefix")), Long.parseLong(item.get("connectionChangedAt").n()));
    }

    private static String text(AttributeValue value) {
        return value == null || value.s() == null ? null : value.s();
    }
}
