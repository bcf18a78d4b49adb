package io.participants.api.conversations;

import io.micronaut.serde.annotation.Serdeable;
import io.participants.domain.conversation.ConversationMember;
import io.participants.domain.conversation.ConversationParticipant;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * A conversation participant as the API shows it: the public page's fields, plus its conversation, timestamps and,
 * for a user, agent, flow or bot, the id it was added with ({@code refId}).
 */
@Serdeable
@Schema(name = "ConversationParticipant")
public record ConversationParticipantResponse(
        @Schema(requiredMode = REQUIRED) UUID id,
        @Schema(requiredMode = REQUIRED, nullable = true,
                description = "From the directory participant whose channel has the contact's address")
        String displayName,
        @Schema(requiredMode = REQUIRED, nullable = true) String avatarUrl,
        @Schema(requiredMode = REQUIRED) ContactResponse contact,
        @Schema(requiredMode = REQUIRED, type = "string", allowableValues = {"user", "agent", "flow", "bot", "contact"})
        String type,
        @Schema(requiredMode = REQUIRED, type = "string", allowableValues = {"invited", "pending", "active", "inactive"})
        String status,
        @Schema(requiredMode = REQUIRED, nullable = true) String refId,
        @Schema(requiredMode = REQUIRED) UUID conversationId,
        @Schema(requiredMode = REQUIRED) long createdAt,
        @Schema(requiredMode = REQUIRED) long updatedAt) {

    /** How a contact is identified, and the address the platform uses for it. */
    @Serdeable
    @Schema(name = "ConversationContact", nullable = true)
    public record ContactResponse(
            @Schema(requiredMode = REQUIRED) String identifierKey,
            @Schema(requiredMode = REQUIRED) String identifierValue,
            @Schema(requiredMode = REQUIRED) String platformAddress,
            @Schema(requiredMode = REQUIRED, nullable = true) String platformAddressSelector) {
    }

    static ConversationParticipantResponse from(ConversationMember member, String avatarUrl) {
        ConversationParticipant p = member.participant();
        ContactResponse contact = p.contact() == null ? null : new ContactResponse(p.contact().key(),
                p.contact().value(), p.contact().value(), p.platformAddressSelector());
        return new ConversationParticipantResponse(p.id(),
                member.directory() == null ? null : member.directory().displayName(),
                avatarUrl, contact, p.type().wireName(), p.status().wireName(), p.refId(), p.conversationId(),
                p.createdAt(), p.updatedAt());
    }
}
