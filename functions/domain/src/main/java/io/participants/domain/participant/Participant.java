package io.participants.domain.participant;

import io.participants.domain.common.TenantId;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A person, group or AI agent in a tenant's directory, with the channels that reach it and the agents it is bound
 * to. {@code version} starts at 1 and grows with every stored change; it is the entity tag of the participant.
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
}
