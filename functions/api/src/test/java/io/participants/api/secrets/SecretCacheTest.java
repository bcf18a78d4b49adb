package io.participants.api.secrets;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SecretCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final SecretCache<String> cache = new SecretCache<>(clock, Duration.ofSeconds(60));

    @Test
    void keepsAValueUntilItsTtlEnds() {
        cache.put("a", "one", cache.generation());

        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.get("a")).contains("one");
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("a")).isEmpty();
    }

    @Test
    void aValueReadBeforeAWriteIsNotCached() {
        long readStarted = cache.generation();
        // a save or delete lands while the read is in flight
        cache.invalidate("a");

        cache.put("a", "stale", readStarted);

        assertThat(cache.get("a")).isEmpty();
    }

    @Test
    void invalidateForgetsOnlyThatName() {
        cache.put("a", "one", cache.generation());
        cache.put("b", "two", cache.generation());

        cache.invalidate("a");

        assertThat(cache.get("a")).isEmpty();
        assertThat(cache.get("b")).contains("two");
    }

    @Test
    void aZeroTtlCachesNothing() {
        SecretCache<String> off = new SecretCache<>(clock, Duration.ZERO);

        off.put("a", "one", off.generation());

        assertThat(off.get("a")).isEmpty();
    }
}
