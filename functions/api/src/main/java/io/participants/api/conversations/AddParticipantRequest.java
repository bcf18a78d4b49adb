package io.participants.api.conversations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.participants.domain.conversation.NewConversationParticipant;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of adding a participant: a user, agent, flow or bot by id, or a contact by identifier. */
@Serdeable
@Schema(name = "AddConversationParticipant")
public record AddParticipantRequest(
        @Schema(type = "string", allowableValues = {"user", "agent", "flow", "bot", "contact"},
                requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String type,
        @Schema(description = "The user, agent, flow or bot id; not for contacts") @Nullable String id,
        @Nullable ContactBody contact,
        @Schema(type = "string", allowableValues = {"invited", "pending", "active", "inactive"},
                defaultValue = "active") @Nullable String status) {

    /** A contact, by the identifier it has in a channel. */
    @Serdeable
    @Schema(name = "ConversationContactInput")
    public record ContactBody(
            @Schema(minLength = 1, example = "emailaddress") @Nullable String identifierKey,
            @Schema(minLength = 1, example = "[email protected]") @Nullable String identifierValue,
            @Nullable String platformAddressSelector) {
    }

    NewConversationParticipant toInput() {
        return new NewConversationParticipant(type, id, contact == null ? null : contact.identifierKey(),
                contact == null ? null : contact.identifierValue(),
                contact == null ? null : contact.platformAddressSelector(), contact != null, status);
    }
}
