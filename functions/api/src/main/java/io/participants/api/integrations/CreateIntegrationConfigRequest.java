package io.participants.api.integrations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of an integration config creation. */
@Serdeable
@Schema(name = "CreateIntegrationConfig")
public record CreateIntegrationConfigRequest(
        @Schema(type = "string", allowableValues = {"SLACK", "EMAIL", "SMS", "WHATSAPP", "TELEGRAM", "MICROSOFT_TEAMS"},
                requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable String provider,
        @Schema(minLength = 1, maxLength = 150, requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String name,
        @Schema(description = "EMAIL configs only: look avatars up on Gravatar, which sends a SHA-256 hash of each"
                + " address to Gravatar (default false)")
        @Nullable Boolean gravatar,
        @Schema(description = IntegrationConfigResponse.INTERVAL_DESCRIPTION, example = "PT6H")
        @Nullable String avatarSyncInterval,
        @Schema(description = IntegrationConfigResponse.MESSAGE_TEXT_DESCRIPTION + " (default false)")
        @Nullable Boolean messageTextInEvents) {
}
