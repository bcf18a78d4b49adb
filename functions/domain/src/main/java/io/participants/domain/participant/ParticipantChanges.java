package io.participants.domain.participant;

import java.util.List;

/**
 * A merge patch of a participant: null fields stay as they are. {@code channels} replaces the whole list,
 * {@code agentIds} becomes exactly the bound set, an empty {@code avatarFileId} clears the avatar, and
 * {@code avatarAutoSync} replaces the whole setting.
 */
public record ParticipantChanges(String kind, String displayName, String email, String relatedAgentId,
                                 List<ChannelInput> channels, List<String> agentIds, String avatarFileId,
                                 AvatarAutoSyncInput avatarAutoSync) {

    /** A patch that leaves the auto-sync setting as it is. */
    public ParticipantChanges(String kind, String displayName, String email, String relatedAgentId,
                              List<ChannelInput> channels, List<String> agentIds, String avatarFileId) {
        this(kind, displayName, email, relatedAgentId, channels, agentIds, avatarFileId, null);
    }

    public boolean isEmpty() {
        return kind == null && displayName == null && email == null && relatedAgentId == null && channels == null
                && agentIds == null && avatarFileId == null && avatarAutoSync == null;
    }
}
