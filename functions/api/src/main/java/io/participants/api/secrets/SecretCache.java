package io.participants.api.secrets;

import io.participants.api.priming.Priming;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/** A brief per-secret-name cache of parsed secret values, safe for concurrent use. */
final class SecretCache<T> {

    // a Lambda container serves few tenants at a time; the bound only stops unbounded growth in a long-lived one
    private static final int MAX_ENTRIES = 1_000;

    private final Clock clock;
    private final Duration ttl;
    private final ConcurrentMap<String, Entry<T>> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    SecretCache(Clock clock, Duration ttl) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("cache ttl must not be negative");
        }
    }

    Optional<T> get(String name) {
        Entry<T> entry = entries.get(name);
        if (entry == null) {
            return Optional.empty();
        }
        if (clock.instant().isBefore(entry.expiresAt())) {
            return Optional.of(entry.value());
        }
        entries.remove(name, entry);
        return Optional.empty();
    }

    /** Taken before a read from Secrets Manager, so that a write meanwhile keeps the stale value out. */
    long generation() {
        return generation.get();
    }

    /** Caches a value read while {@code readGeneration} was current, unless the secret was written since. */
    void put(String name, T value, long readGeneration) {
        if (ttl.isZero() || Priming.active()) {
            // nothing priming saw may serve a real request: its secrets are canned (see Priming)
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            Instant now = clock.instant();
            entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        Instant expiresAt = clock.instant().plus(ttl);
        // checked under the key's lock: invalidate() bumps the generation before it removes the same key
        entries.compute(name, (key, current) ->
                generation.get() == readGeneration ? new Entry<>(value, expiresAt) : current);
    }

    void invalidate(String name) {
        generation.incrementAndGet();
        entries.remove(name);
    }

    private record Entry<T>(T value, Instant expiresAt) {
    }
}
