package io.participants.domain.participant;

/**
 * One agent binding of a participant and one of its channels whose provider takes an inbound URL per binding
 * (Microsoft Teams): the unit a per-binding activation, and its webhook key, belongs to.
 */
public record BindingSlot(String agentId, ChannelKey channel) {
}
