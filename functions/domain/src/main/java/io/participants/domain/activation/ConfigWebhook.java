package io.participants.domain.activation;

import io.participants.domain.common.TenantId;
import io.participants.domain.integration.Provider;

import java.util.UUID;

/**
 * The stored webhook of one integration config: its key's prefix and hash, and for Telegram the hash of the secret
 * token given to {@code setWebhook}. Never the key itself.
 */
public record ConfigWebhook(TenantId tenant, UUID integrationConfigId, Provider provider, String keyPrefix,
                            String keyHash, String secretTokenHash, long createdAt) {

    @Override
    public String toString() {
        return "ConfigWebhook[tenant=" + tenant + ", integrationConfigId=" + integrationConfigId + ", provider="
                + provider + ", keyPrefix=" + keyPrefix + "]";
    }
}
