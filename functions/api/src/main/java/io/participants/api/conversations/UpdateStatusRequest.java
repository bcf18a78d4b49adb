package io.participants.api.conversations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of a status change; it must name {@code status}, and null changes nothing. */
@Serdeable
@Schema(name = "UpdateConversationParticipant")
public record UpdateStatusRequest(
        @Schema(type = "string", allowableValues = {"invited", "pending", "active", "inactive"}, nullable = true,
                requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String status) {
}
