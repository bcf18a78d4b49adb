package io.participants.domain.participant;

import io.participants.domain.integration.IntegrationConfig;

/** The participant that holds a channel, with the channel's integration config as the lookup read it. */
public record ChannelHolder(Participant participant, IntegrationConfig config) {
}
