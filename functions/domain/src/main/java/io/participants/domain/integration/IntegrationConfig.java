package io.participants.domain.integration;

import io.participants.domain.common.TenantId;
import io.participants.domain.connection.Connection;
import io.participants.domain.connection.ConnectionState;

import java.util.UUID;

/**
 * A tenant's connection to one provider workspace; channels point to it by id. {@code connection} is the state of
 * the operator's connection (OAuth, or a bot token the operator gave), null while there is none (and always for
 * providers that need none). {@code gravatar} is for {@code EMAIL} configs only: whether their channels' avatars
 * may be looked up on Gravatar, which sends a hash of each address to a third party, hence off by default.
 */
public record IntegrationConfig(TenantId tenant, UUID id, Provider provider, String name, long createdAt,
                                Connection connection, boolean gravatar) {

    public IntegrationConfig(TenantId tenant, UUID id, Provider provider, String name, long createdAt) {
        this(tenant, id, provider, name, createdAt, null, false);
    }

    public IntegrationConfig(TenantId tenant, UUID id, Provider provider, String name, long createdAt,
                             Connection connection) {
        this(tenant, id, provider, name, createdAt, connection, false);
    }

    public ConnectionState connectionState() {
        return connection == null ? ConnectionState.NOT_CONNECTED : connection.state();
    }

    public IntegrationConfig withConnection(Connection next) {
        return new IntegrationConfig(tenant, id, provider, name, createdAt, next, gravatar);
    }
}
