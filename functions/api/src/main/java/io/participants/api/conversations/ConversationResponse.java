package io.participants.api.conversations;

import io.micronaut.serde.annotation.Serdeable;
import io.participants.domain.conversation.Conversation;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** A conversation as the API shows it. */
@Serdeable
@Schema(name = "Conversation")
public record ConversationResponse(
        @Schema(requiredMode = REQUIRED) UUID id,
        @Schema(requiredMode = REQUIRED) String name,
        @Schema(requiredMode = REQUIRED, nullable = true) String description,
        @Schema(requiredMode = REQUIRED) long createdAt,
        @Schema(requiredMode = REQUIRED) long updatedAt) {

    static ConversationResponse from(Conversation c) {
        return new ConversationResponse(c.id(), c.name(), c.description(), c.createdAt(), c.updatedAt());
    }
}
