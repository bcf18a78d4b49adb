package io.participants.domain.participant;

/** A channel as the caller sends it, before validation. */
public record ChannelInput(String integrationConfigId, String address, Integer priority, String label,
                           Boolean disabled) {
}
