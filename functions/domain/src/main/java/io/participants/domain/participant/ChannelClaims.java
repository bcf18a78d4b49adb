package io.participants.domain.participant;

import io.participants.domain.integration.IntegrationConfig;

import java.util.Map;
import java.util.UUID;

/**
 * What one read of the store tells about a channel: its integration config (null when the tenant has no such
 * config) and, among the spellings of its address that were asked for, those claimed on that config, each with
 * the id of the participant holding it.
 */
public record ChannelClaims(IntegrationConfig config, Map<String, UUID> holders) {

    public ChannelClaims {
        holders = Map.copyOf(holders);
    }
}
