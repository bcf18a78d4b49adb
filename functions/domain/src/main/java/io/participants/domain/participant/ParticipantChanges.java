package io.participants.domain.participant;

import java.util.List;

/**
 * A merge patch of a participant: null fields stay as they are. {@code channels} replaces the whole list,
 * {@code agentIds} becomes exactly the bound set, and an empty {@code avatarFileId} clears the avatar.
 */
public record ParticipantChanges(String kind, String displayName, String email, String relatedAgentId,
                                 List<ChannelInput> channels, List<String> agentIds, String avatarFileId) {

    public boolean isEmpty() {
        return kind == null && displayName == null && email == null && relatedAgentId == null && channels == null
                && agentIds == null && avatarFileId == null;
    }
}
