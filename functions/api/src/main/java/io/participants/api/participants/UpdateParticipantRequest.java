package io.participants.api.participants;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.participants.domain.participant.ParticipantChanges;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A merge patch of a participant: absent or null fields stay unchanged. */
@Serdeable
@Schema(name = "UpdateParticipant")
public record UpdateParticipantRequest(
        @Schema(description = "Must equal the current kind; kind is fixed after creation") @Nullable String kind,
        @Schema(minLength = 1, maxLength = 150) @Nullable String displayName,
        @Schema(maxLength = 4000, format = "email") @Nullable String email,
        @Nullable String relatedAgentId,
        @Schema(description = "Replaces the whole list; [] clears it") @Nullable List<ChannelBody> channels,
        @Schema(description = "The exact set of bound agents") @Nullable List<String> agentIds,
        @Schema(description = "\"\" clears the avatar") @Nullable String avatarFileId,
        @Schema(description = "Replaces the whole setting") @Nullable AvatarAutoSyncBody avatarAutoSync) {

    ParticipantChanges toChanges() {
        return new ParticipantChanges(kind, displayName, email, relatedAgentId,
                channels == null ? null : channels.stream().map(c -> c == null ? null : c.toInput()).toList(),
                agentIds, avatarFileId, avatarAutoSync == null ? null : avatarAutoSync.toInput());
    }
}
