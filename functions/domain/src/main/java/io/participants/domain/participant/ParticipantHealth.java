package io.participants.domain.participant;

import io.participants.domain.integration.IntegrationConfig;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Computed reachability: a participant is reachable when at least one enabled channel has an address valid for
 * its provider and a usable key (no OAuth needed, or its config's connection is active). The top-level reason
 * explains an unreachable participant and is null otherwise.
 */
public record ParticipantHealth(boolean reachable, List<ChannelHealth> channels, HealthReason reason) {

    /**
     * @param configs the integration configs of the channels, by id; a config missing here counts as not connected
     */
    public static ParticipantHealth of(List<Channel> channels, Map<UUID, IntegrationConfig> configs) {
        List<ChannelHealth> perChannel = channels.stream().map(c -> health(c, configs)).toList();
        boolean reachable = false;
        HealthReason firstEnabledReason = null;
        for (int i = 0; i < channels.size(); i++) {
            if (channels.get(i).disabled()) {
                continue;
            }
            HealthReason channelReason = perChannel.get(i).reason();
            if (channelReason == null) {
                reachable = true;
            } else if (firstEnabledReason == null) {
                firstEnabledReason = channelReason;
            }
        }
        HealthReason reason;
        if (reachable) {
            reason = null;
        } else if (channels.isEmpty()) {
            reason = HealthReason.NO_CHANNELS;
        } else if (channels.stream().allMatch(Channel::disabled)) {
            reason = HealthReason.ALL_CHANNELS_DISABLED;
        } else {
            reason = firstEnabledReason;
        }
        return new ParticipantHealth(reachable, perChannel, reason);
    }

    private static ChannelHealth health(Channel channel, Map<UUID, IntegrationConfig> configs) {
        IntegrationConfig config = configs.get(channel.integrationConfigId());
        KeyStatus key = KeyStatus.of(channel.provider(), config);
        HealthReason reason;
        if (!channel.hasValidAddress()) {
            reason = HealthReason.INVALID_FORMAT;
        } else if (key == KeyStatus.NOT_CONNECTED) {
            reason = HealthReason.NOT_CONNECTED;
        } else if (key == KeyStatus.REJECTED) {
            reason = HealthReason.KEY_REJECTED;
        } else {
            reason = null;
        }
        String keyPrefix = config != null && config.connection() != null ? config.connection().keyPrefix() : null;
        return new ChannelHealth(channel.address(), reason, key, keyPrefix, null);
    }
}
