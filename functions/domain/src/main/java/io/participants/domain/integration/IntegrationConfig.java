package io.participants.domain.integration;

import io.participants.domain.common.TenantId;
import io.participants.domain.connection.Connection;
import io.participants.domain.connection.ConnectionState;

import java.util.UUID;

/**
 * A tenant's connection to one provider workspace; channels point to it by id. {@code connection} is the state of
 * the operator's OAuth connection, null while there is none (and always for providers without OAuth).
 */
public record IntegrationConfig(TenantId tenant, UUID id, Provider provider, String name, long createdAt,
                                Connection connection) {

    public IntegrationConfig(TenantId tenant, UUID id, Provider provider, String name, long createdAt) {
        this(tenant, id, provider, name, createdAt, null);
    }

    public ConnectionState connectionState() {
        return connection == null ? ConnectionState.NOT_CONNECTED : connection.state();
    }

    public IntegrationConfig withConnection(Connection next) {
        return new IntegrationConfig(tenant, id, provider, name, createdAt, next);
    }
}
