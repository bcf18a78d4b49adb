package io.participants.domain.activation;

import io.participants.domain.common.TenantId;
import io.participants.domain.integration.Provider;

import java.util.UUID;

/**
 * A stored webhook key: of one integration config (its key's prefix and hash, and for Telegram the hash of the
 * secret token given to {@code setWebhook}), or, with {@code binding}, of one per-binding activation (then
 * {@code secretTokenHash} is the hash of Microsoft Graph's {@code clientState}). Never the key itself.
 */
public record ConfigWebhook(TenantId tenant, UUID integrationConfigId, Provider provider, String keyPrefix,
                            String keyHash, String secretTokenHash, long createdAt, Binding binding) {

    public ConfigWebhook(TenantId tenant, UUID integrationConfigId, Provider provider, String keyPrefix,
                         String keyHash, String secretTokenHash, long createdAt) {
        this(tenant, integrationConfigId, provider, keyPrefix, keyHash, secretTokenHash, createdAt, null);
    }

    /** The binding and channel a per-binding webhook delivers to: the key alone names them. */
    public record Binding(UUID participantId, String agentId, String address) {
    }

    @Override
    public String toString() {
        return "ConfigWebhook[tenant=" + tenant + ", integrationConfigId=" + integrationConfigId + ", provider="
                + provider + ", keyPrefix=" + keyPrefix + "]";
    }
}
