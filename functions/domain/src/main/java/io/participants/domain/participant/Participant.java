package io.participants.domain.participant;

import io.participants.domain.common.TenantId;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A person, group or AI agent in a tenant's directory, with the channels that reach it, the agents it is bound to,
 * its avatar and the auto-sync setting of that avatar (null when never set). {@code version} starts at 1 and grows
 * with every stored change; it is the entity tag of the participant.
 */
public record Participant(
        TenantId tenant,
        UUID id,
        ParticipantKind kind,
        String displayName,
        String email,
        String relatedAgentId,
        List<Channel> channels,
        SortedSet<String> agentIds,
        Long disabledAt,
        Avatar avatar,
        AvatarAutoSync avatarAutoSync,
        long createdAt,
        long modifiedAt,
        long version) {

    public Participant {
        channels = List.copyOf(channels);
        agentIds = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(agentIds));
    }

    public String avatarFileId() {
        return avatar == null ? null : avatar.fileId();
    }

    public boolean isDisabled() {
        return disabledAt != null;
    }

    /** This participant with {@code avatar} instead of its own, as the next version written at {@code now}. */
    public Participant withAvatar(Avatar avatar, long now) {
        return new Participant(tenant, id, kind, displayName, email, relatedAgentId, channels, agentIds, disabledAt,
                avatar, avatarAutoSync, createdAt, Math.max(now, modifiedAt), version + 1);
    }
}
