package io.participants.domain.connection;

import io.participants.domain.common.TenantId;

import java.util.Optional;
import java.util.UUID;

/** Port: where the token of each tenant's connected integration config is kept (a secret per tenant and config). */
public interface ProviderTokenStore {

    /** The stored token, possibly from a brief cache. */
    Optional<ProviderToken> find(TenantId tenant, UUID integrationConfigId);

    /** Stores or replaces the token of a config. */
    void save(TenantId tenant, UUID integrationConfigId, ProviderToken token);

    /** @return false when no token was stored */
    boolean delete(TenantId tenant, UUID integrationConfigId);

    /** The stored token as the store holds it now, never from a cache: what another function may just have written. */
    default Optional<ProviderToken> findLatest(TenantId tenant, UUID integrationConfigId) {
        return find(tenant, integrationConfigId);
    }

    /**
     * Stores {@code next} only if the stored token is still {@code current} (the same {@link ProviderToken#version()}):
     * a compare-and-set, so that of two functions refreshing one token at once, one write wins and the other learns
     * it lost instead of storing its token over the winner's.
     *
     * @return true when {@code next} is now stored; false when another write came first (read the winner's with
     * {@link #findLatest})
     * @throws UnsupportedOperationException from a store that cannot compare versions
     */
    default boolean replace(TenantId tenant, UUID integrationConfigId, ProviderToken current, ProviderToken next) {
        throw new UnsupportedOperationException("this token store cannot replace a token conditionally");
    }
}
