package io.participants.domain.common;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues time-ordered UUIDs (RFC 9562 version 7), so that listing by id lists by creation time. Within one
 * millisecond the 12 bits after the timestamp count up (RFC 9562, method 1), so ids issued one after another by
 * this generator keep their order even when the clock has not moved or has gone back.
 */
public final class Ids {

    private static final int SEQUENCE_BITS = 12;
    private static final int MAX_SEQUENCE = (1 << SEQUENCE_BITS) - 1;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = Long.MIN_VALUE;
    private int sequence;

    public Ids(Clock clock) {
        this.clock = clock;
    }

    public synchronized UUID next() {
        long millis = Math.max(clock.millis(), lastMillis);
        if (millis == lastMillis && sequence < MAX_SEQUENCE) {
            sequence++;
        } else {
            if (millis == lastMillis) {
                // The counter ran out within this millisecond: borrow the next one.
                millis++;
            }
            // A random start in the lower half leaves room to count, and keeps ids hard to guess.
            sequence = random.nextInt(1 << (SEQUENCE_BITS - 1));
        }
        lastMillis = millis;
        long msb = (millis << 16) | (0x7L << 12) | sequence;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** Parses a canonical UUID (36 characters, hyphenated); anything else is empty. */
    public static Optional<UUID> parse(String value) {
        if (value == null || value.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(value);
            return uuid.toString().equalsIgnoreCase(value) ? Optional.of(uuid) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
