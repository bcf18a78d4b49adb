package io.participants.domain.participant;

import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;

/**
 * Whether a participant's avatar follows one of its channels by itself, and which: the channel of
 * {@code integrationConfigId} and {@code address}, or, when neither is given, the participant's highest-priority
 * channel (lowest {@code priority} number, then list order) whose provider has an avatar source.
 */
public record AvatarAutoSync(boolean enabled, UUID integrationConfigId, String address) {

    /** Whether it names a channel (both config and address) rather than leaving the choice to priority. */
    public boolean namesChannel() {
        return integrationConfigId != null;
    }

    /**
     * The channel an automatic sync follows, among {@code participant}'s channels: the named one, or the first enabled
     * one by priority whose provider {@code hasSource}; empty when it is off or no channel fits.
     */
    public Optional<Channel> channelOf(Participant participant, java.util.function.Predicate<Channel> hasSource) {
        if (!enabled) {
            return Optional.empty();
        }
        if (namesChannel()) {
            return participant.channels().stream()
                    .filter(c -> c.integrationConfigId().equals(integrationConfigId) && c.address().equals(address))
                    .findFirst();
        }
        return participant.channels().stream()
                .filter(c -> !c.disabled() && hasSource.test(c))
                .min(Comparator.comparingInt(Channel::priority)); // stable: the first of equal priorities wins
    }
}
