package io.participants.api.integrations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of an integration config update: a merge patch of the one field an update may change. */
@Serdeable
@Schema(name = "UpdateIntegrationConfig")
public record UpdateIntegrationConfigRequest(
        @Schema(description = "EMAIL configs only: look avatars up on Gravatar, which sends a SHA-256 hash of each"
                + " address to Gravatar; false turns it off", requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable Boolean gravatar) {
}
