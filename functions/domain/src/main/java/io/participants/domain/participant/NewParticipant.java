package io.participants.domain.participant;

import java.util.List;

/** A participant to create, as the caller sends it, before validation. Null means not given. */
public record NewParticipant(String kind, String displayName, String email, String relatedAgentId,
                             List<ChannelInput> channels, List<String> agentIds, AvatarAutoSyncInput avatarAutoSync) {

    /** Without an auto-sync setting (off until set). */
    public NewParticipant(String kind, String displayName, String email, String relatedAgentId,
                          List<ChannelInput> channels, List<String> agentIds) {
        this(kind, displayName, email, relatedAgentId, channels, agentIds, null);
    }
}
