package io.participants.domain.participant;

/** Whether one channel can be used, and why not. */
public record ChannelHealth(String address, HealthReason reason, KeyStatus keyStatus, String keyPrefix,
                            Long lastMessageAt) {
}
