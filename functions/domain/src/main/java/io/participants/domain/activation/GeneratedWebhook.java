package io.participants.domain.activation;

import io.participants.domain.integration.Provider;

import java.util.UUID;

/**
 * The answer of {@code :generateWebhookUrl} and {@code :rotateWebhook}: the full URL (with its key) and, for Telegram,
 * the secret token to pass to {@code setWebhook}, both only in the answer that created them (null afterwards).
 */
public record GeneratedWebhook(UUID integrationConfigId, Provider provider, ActivationScope scope, String webhookUrl,
                               String webhookUrlTemplate, String webhookKeyPrefix, String secretToken,
                               long createdAt) {

    @Override
    public String toString() {
        return "GeneratedWebhook[integrationConfigId=" + integrationConfigId + ", webhookKeyPrefix="
                + webhookKeyPrefix + "]";
    }
}
