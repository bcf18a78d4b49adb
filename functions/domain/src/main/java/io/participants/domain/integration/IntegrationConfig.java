package io.participants.domain.integration;

import io.participants.domain.common.TenantId;
import io.participants.domain.connection.Connection;
import io.participants.domain.connection.ConnectionState;

import java.time.Duration;
import java.util.UUID;

/**
 * A tenant's connection to one provider workspace; channels point to it by id. {@code connection} is the state of
 * the operator's connection (OAuth, or a bot token the operator gave), null while there is none (and always for
 * providers that need none). {@code gravatar} is for {@code EMAIL} configs only: whether their channels' avatars
 * may be looked up on Gravatar, which sends a hash of each address to a third party, hence off by default.
 * {@code avatarSyncInterval} is how long after an automatic sync a participant following one of its channels is due
 * again; null for the deployment's own interval. {@code messageTextInEvents} is whether the text of its channels'
 * inbound messages is kept with their record and published in {@code participants.channel.message_received}: the
 * operator's choice per config, since what a message may say differs per channel (SMS, a Slack workspace), hence off
 * by default, and never on for a provider with no inbound messages (email).
 */
public record IntegrationConfig(TenantId tenant, UUID id, Provider provider, String name, long createdAt,
                                Connection connection, boolean gravatar, Duration avatarSyncInterval,
                                boolean messageTextInEvents) {

    /** The shortest interval a config may set: a sync an hour is already 24 provider calls a participant a day. */
    public static final Duration MIN_AVATAR_SYNC_INTERVAL = Duration.ofHours(1);
    /** The longest a config may set. */
    public static final Duration MAX_AVATAR_SYNC_INTERVAL = Duration.ofDays(30);

    public IntegrationConfig(TenantId tenant, UUID id, Provider provider, String name, long createdAt) {
        this(tenant, id, provider, name, createdAt, null, false, null, false);
    }

    public IntegrationConfig(TenantId tenant, UUID id, Provider provider, String name, long createdAt,
                             Connection connection) {
        this(tenant, id, provider, name, createdAt, connection, false, null, false);
    }

    public IntegrationConfig(TenantId tenant, UUID id, Provider provider, String name, long createdAt,
                             Connection connection, boolean gravatar) {
        this(tenant, id, provider, name, createdAt, connection, gravatar, null, false);
    }

    public IntegrationConfig(TenantId tenant, UUID id, Provider provider, String name, long createdAt,
                             Connection connection, boolean gravatar, Duration avatarSyncInterval) {
        this(tenant, id, provider, name, createdAt, connection, gravatar, avatarSyncInterval, false);
    }

    public ConnectionState connectionState() {
        return connection == null ? ConnectionState.NOT_CONNECTED : connection.state();
    }

    public IntegrationConfig withConnection(Connection next) {
        return new IntegrationConfig(tenant, id, provider, name, createdAt, next, gravatar, avatarSyncInterval,
                messageTextInEvents);
    }
}
