package io.participants.api.participants;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.participants.domain.participant.NewParticipant;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The body of a participant creation. */
@Serdeable
@Schema(name = "CreateParticipant")
public record CreateParticipantRequest(
        @Schema(type = "string", allowableValues = {"PERSON", "GROUP", "AI_AGENT"}, defaultValue = "PERSON") @Nullable String kind,
        @Schema(minLength = 1, maxLength = 150, requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String displayName,
        @Schema(maxLength = 4000, format = "email") @Nullable String email,
        @Nullable String relatedAgentId,
        @Nullable List<ChannelBody> channels,
        @Nullable List<String> agentIds,
        @Nullable AvatarAutoSyncBody avatarAutoSync) {

    NewParticipant toInput() {
        return new NewParticipant(kind, displayName, email, relatedAgentId,
                channels == null ? null : channels.stream().map(c -> c == null ? null : c.toInput()).toList(),
                agentIds, avatarAutoSync == null ? null : avatarAutoSync.toInput());
    }
}
