package io.participants.api.participants;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** A short-lived link to a participant's stored avatar. */
@Serdeable
@Schema(name = "AvatarLink")
public record AvatarLink(@Schema(requiredMode = REQUIRED) String url,
                         @Schema(requiredMode = REQUIRED, description = "Epoch milliseconds") long expiresAt) {
}
