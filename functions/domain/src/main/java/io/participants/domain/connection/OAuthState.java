package io.participants.domain.connection;

import io.participants.domain.common.TenantId;

import java.util.Objects;
import java.util.UUID;

/**
 * What an OAuth {@code state} parameter carries: the tenant and config the grant is for, a random single-use nonce,
 * and the instant (epoch millis) after which it is refused.
 */
public record OAuthState(TenantId tenant, UUID integrationConfigId, String nonce, long expiresAt) {

    public OAuthState {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(integrationConfigId, "integrationConfigId");
        Objects.requireNonNull(nonce, "nonce");
    }
}
