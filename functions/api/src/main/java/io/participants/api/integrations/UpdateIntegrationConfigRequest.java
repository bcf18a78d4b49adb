package io.participants.api.integrations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of an integration config update, for the API description: a merge patch of the settings an update may
 * change, at least one of them ({@link ConfigPatch} reads it, since null and absent differ).
 */
@Serdeable
@Schema(name = "UpdateIntegrationConfig", minProperties = 1)
public record UpdateIntegrationConfigRequest(
        @Schema(description = "EMAIL configs only: look avatars up on Gravatar, which sends a SHA-256 hash of each"
                + " address to Gravatar; false turns it off; absent leaves it as it is")
        @Nullable Boolean gravatar,
        @Schema(nullable = true, example = "PT6H", description = IntegrationConfigResponse.INTERVAL_DESCRIPTION
                + "; null goes back to the deployment's interval, absent leaves it as it is")
        @Nullable String avatarSyncInterval,
        @Schema(description = IntegrationConfigResponse.MESSAGE_TEXT_DESCRIPTION
                + "; false turns it off; absent leaves it as it is")
        @Nullable Boolean messageTextInEvents) {
}
