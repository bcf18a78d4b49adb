package io.participants.domain.participant;

import java.util.List;

/**
 * Computed reachability: a participant is reachable when at least one enabled channel has an address valid for
 * its provider. The top-level reason explains an unreachable participant and is null otherwise.
 */
public record ParticipantHealth(boolean reachable, List<ChannelHealth> channels, HealthReason reason) {

    public static ParticipantHealth of(List<Channel> channels) {
        List<ChannelHealth> perChannel = channels.stream()
                .map(c -> new ChannelHealth(c.address(), c.hasValidAddress() ? null : HealthReason.INVALID_FORMAT,
                        KeyStatus.UNSPECIFIED, null, null))
                .toList();
        boolean reachable = channels.stream().anyMatch(c -> !c.disabled() && c.hasValidAddress());
        HealthReason reason;
        if (reachable) {
            reason = null;
        } else if (channels.isEmpty()) {
            reason = HealthReason.NO_CHANNELS;
        } else if (channels.stream().allMatch(Channel::disabled)) {
            reason = HealthReason.ALL_CHANNELS_DISABLED;
        } else {
            reason = HealthReason.INVALID_FORMAT;
        }
        return new ParticipantHealth(reachable, perChannel, reason);
    }
}
