package io.participants.api.conversations;

import io.micronaut.serde.annotation.Serdeable;
import io.participants.domain.conversation.Membership;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** The list shapes of the conversations family: {results, nextPageToken}, the token null on the last page. */
final class Pages {

    private Pages() {
    }

    /** One page of conversations. */
    @Serdeable
    @Schema(name = "ConversationPage")
    record ConversationPage(@Schema(requiredMode = REQUIRED) List<ConversationResponse> results,
                            @Schema(requiredMode = REQUIRED, nullable = true) String nextPageToken) {
    }

    /** One page of a conversation's participants. */
    @Serdeable
    @Schema(name = "ConversationParticipantPage")
    record ParticipantPage(@Schema(requiredMode = REQUIRED) List<ConversationParticipantResponse> results,
                           @Schema(requiredMode = REQUIRED, nullable = true) String nextPageToken) {
    }

    /** A conversation a contact takes part in, with the contact's status there. */
    @Serdeable
    @Schema(name = "ContactConversation")
    record ContactConversation(@Schema(requiredMode = REQUIRED) UUID id,
                               @Schema(requiredMode = REQUIRED) String name,
                               @Schema(requiredMode = REQUIRED, nullable = true) String description,
                               @Schema(requiredMode = REQUIRED, type = "string",
                                       allowableValues = {"invited", "pending", "active", "inactive"})
                               String participantStatus,
                               @Schema(requiredMode = REQUIRED) long createdAt,
                               @Schema(requiredMode = REQUIRED) long updatedAt) {

        static ContactConversation from(Membership m) {
            return new ContactConversation(m.conversation().id(), m.conversation().name(),
                    m.conversation().description(), m.status().wireName(), m.conversation().createdAt(),
                    m.conversation().updatedAt());
        }
    }

    /** One page of a contact's conversations. */
    @Serdeable
    @Schema(name = "ContactConversationPage")
    record ContactConversationPage(@Schema(requiredMode = REQUIRED) List<ContactConversation> results,
                                   @Schema(requiredMode = REQUIRED, nullable = true) String nextPageToken) {
    }
}
