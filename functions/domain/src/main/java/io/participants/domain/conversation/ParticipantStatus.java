package io.participants.domain.conversation;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A participant's status in a conversation, and the moves between statuses. Invitations move forward (invited,
 * then pending or active); an active participant can leave (inactive) and come back (active), but a participant
 * who took part is never invited or pending again.
 */
public enum ParticipantStatus {
    INVITED, PENDING, ACTIVE, INACTIVE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ParticipantStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }

    /** The statuses this one may change to; staying the same is always allowed and changes nothing. */
    public Set<ParticipantStatus> next() {
        return switch (this) {
            case INVITED -> EnumSet.of(PENDING, ACTIVE, INACTIVE);
            case PENDING -> EnumSet.of(ACTIVE, INACTIVE);
            case ACTIVE -> EnumSet.of(INACTIVE);
            case INACTIVE -> EnumSet.of(ACTIVE);
        };
    }

    /** The statuses from which a participant may change to {@code target}. */
    public static Set<ParticipantStatus> sourcesOf(ParticipantStatus target) {
        Set<ParticipantStatus> sources = EnumSet.noneOf(ParticipantStatus.class);
        for (ParticipantStatus s : values()) {
            if (s.next().contains(target)) {
                sources.add(s);
            }
        }
        return sources;
    }
}
