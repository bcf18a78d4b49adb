package io.participants.api.conversations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of a conversation creation. */
@Serdeable
@Schema(name = "CreateConversation")
public record CreateConversationRequest(
        @Schema(minLength = 1, maxLength = 200, requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String name,
        @Schema(maxLength = 2000) @Nullable String description) {
}
