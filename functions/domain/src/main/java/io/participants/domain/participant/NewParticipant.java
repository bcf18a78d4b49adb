package io.participants.domain.participant;

import java.util.List;

/** A participant to create, as the caller sends it, before validation. Null means not given. */
public record NewParticipant(String kind, String displayName, String email, String relatedAgentId,
                             List<ChannelInput> channels, List<String> agentIds) {
}
