package io.participants.api.participants;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** Which channel (config id and address) to pull the avatar from. */
@Serdeable
@Schema(name = "SyncAvatarFromChannel")
public record SyncAvatarRequest(
        @Schema(format = "uuid", requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String integrationConfigId,
        @Schema(minLength = 1, requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String address) {
}
