package io.participants.domain.connection;

import io.participants.domain.common.TenantId;

import java.util.Optional;
import java.util.UUID;

/** Port: where the token of each tenant's connected integration config is kept (a secret per tenant and config). */
public interface ProviderTokenStore {

    Optional<ProviderToken> find(TenantId tenant, UUID integrationConfigId);

    /** Stores or replaces the token of a config. */
    void save(TenantId tenant, UUID integrationConfigId, ProviderToken token);

    /** @return false when no token was stored */
    boolean delete(TenantId tenant, UUID integrationConfigId);
}
