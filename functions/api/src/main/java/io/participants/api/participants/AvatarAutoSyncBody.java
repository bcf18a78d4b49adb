package io.participants.api.participants;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.participants.domain.participant.AvatarAutoSync;
import io.participants.domain.participant.AvatarAutoSyncInput;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The {@code avatarAutoSync} setting, in requests and responses alike: whether the avatar follows a channel by
 * itself, and which one (a config and address of the participant's channels, or neither for the highest-priority
 * channel whose provider has an avatar source). An automatic sync never replaces an uploaded avatar.
 */
@Serdeable
@Schema(name = "AvatarAutoSync", description = "Whether the avatar follows a channel by itself, and which. Both"
        + " integrationConfigId and address name one of the participant's channels; with neither, the channel of"
        + " lowest priority number whose provider has an avatar source. An automatic sync never replaces an"
        + " UPLOADED avatar.")
public record AvatarAutoSyncBody(
        @Schema(requiredMode = REQUIRED) @Nullable Boolean enabled,
        @Schema(format = "uuid", requiredMode = REQUIRED, nullable = true) @Nullable String integrationConfigId,
        @Schema(requiredMode = REQUIRED, nullable = true) @Nullable String address) {

    /** Off and never set: what a participant without a setting shows. */
    static final AvatarAutoSyncBody OFF = new AvatarAutoSyncBody(false, null, null);

    AvatarAutoSyncInput toInput() {
        return new AvatarAutoSyncInput(enabled, integrationConfigId, address);
    }

    static AvatarAutoSyncBody of(@Nullable AvatarAutoSync setting) {
        if (setting == null) {
            return OFF;
        }
        UUID config = setting.integrationConfigId();
        return new AvatarAutoSyncBody(setting.enabled(), config == null ? null : config.toString(),
                setting.address());
    }
}
