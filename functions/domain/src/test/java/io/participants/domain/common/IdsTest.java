package io.participants.domain.common;

import io.participants.domain.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** UUIDv7 layout, and ids that sort (as UUIDs and as the strings the table sorts) in the order they were issued. */
class IdsTest {

    private static final long NOW = 1_700_000_000_123L;

    private final TestClock clock = new TestClock(NOW);
    private final Ids ids = new Ids(clock);

    @Test
    void idsAreVersion7WithTheRfcVariantAndTheClockTime() {
        UUID id = ids.next();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(NOW);
        assertThat(id.toString()).startsWith(String.format("%08x-%04x-7", NOW >>> 16, NOW & 0xFFFF));
    }

    @Test
    void laterMillisecondsSortLater() {
        List<UUID> issued = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            issued.add(ids.next());
            clock.advance(1 + i % 3);
        }
        assertSortedAsIssued(issued);
    }

    @Test
    void idsOfOneMillisecondKeepTheirOrderEvenPastTheCounter() {
        List<UUID> issued = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            issued.add(ids.next());
        }

        assertSortedAsIssued(issued);
        assertThat(issued).doesNotHaveDuplicates();
        assertThat(issued.get(0).getMostSignificantBits() >>> 16).isEqualTo(NOW);
    }

    @Test
    void aClockGoingBackDoesNotReorderIds() {
        UUID before = ids.next();
        clock.set(NOW - 5_000);
        UUID after = ids.next();

        assertThat(after).isGreaterThan(before);
        assertThat(after.toString()).isGreaterThan(before.toString());
    }

    @Test
    void idsAreNotGuessableFromTheTime() {
        Ids other = new Ids(new TestClock(NOW));
        assertThat(ids.next().getLeastSignificantBits()).isNotEqualTo(other.next().getLeastSignificantBits());
    }

    @Test
    void onlyCanonicalUuidsParse() {
        UUID id = ids.next();

        assertThat(Ids.parse(id.toString())).contains(id);
        assertThat(Ids.parse(id.toString().toUpperCase())).contains(id);
        assertThat(Ids.parse(null)).isEmpty();
        assertThat(Ids.parse("not-a-uuid")).isEmpty();
        assertThat(Ids.parse("123")).isEmpty();
        assertThat(Ids.parse(id.toString().replace("-", ""))).isEmpty();
        assertThat(Ids.parse("1-1-1-1-1")).isEmpty();
        assertThat(Ids.parse("{" + id.toString().substring(1, 35) + "}")).isEmpty();
        assertThat(Ids.parse(id.toString().replace('-', '_'))).isEmpty();
    }

    private static void assertSortedAsIssued(List<UUID> issued) {
        assertThat(issued).isSorted();
        assertThat(issued.stream().map(UUID::toString).toList()).isSorted();
    }
}
