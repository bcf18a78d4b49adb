package io.participants.api.integrations;

import io.micronaut.serde.annotation.Serdeable;
import io.participants.domain.activation.GeneratedWebhook;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** A config's inbound webhook: the full URL and secret token only in the answer that made them. */
@Serdeable
@Schema(name = "IntegrationConfigWebhook")
public record WebhookResponse(
        UUID integrationConfigId,
        @Schema(requiredMode = REQUIRED, type = "string",
                allowableValues = {"SLACK", "SMS", "WHATSAPP", "TELEGRAM"})
        String provider,
        @Schema(requiredMode = REQUIRED, type = "string", allowableValues = {"PER_CONFIG"})
        String scope,
        @Schema(requiredMode = REQUIRED, nullable = true,
                description = "The full URL with its secret key: shown once, by the call that made the key")
        String webhookUrl,
        @Schema(description = "The URL with {webhookKey} in place of the key")
        String webhookUrlTemplate,
        @Schema(description = "The key's public prefix, shown on every read")
        String webhookKeyPrefix,
        @Schema(requiredMode = REQUIRED, nullable = true,
                description = "Telegram only: the secret_token to give setWebhook, shown once")
        String secretToken,
        @Schema(description = "When the key was made (epoch ms)")
        long createdAt) {

    static WebhookResponse from(GeneratedWebhook w) {
        return new WebhookResponse(w.integrationConfigId(), w.provider().name(), w.scope().name(), w.webhookUrl(),
                w.webhookUrlTemplate(), w.webhookKeyPrefix(), w.secretToken(), w.createdAt());
    }

    @Override
    public String toString() {
        return "WebhookResponse[integrationConfigId=" + integrationConfigId + ", webhookKeyPrefix=" + webhookKeyPrefix
                + "]";
    }
}
