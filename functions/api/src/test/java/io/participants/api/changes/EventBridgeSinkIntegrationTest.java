package io.participants.api.changes;

import io.participants.api.testing.EventBridgeStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** PutEvents' limits, through the real client and the stand-in: 10 entries and 256 KB a call, in order. */
class EventBridgeSinkIntegrationTest {

    private final EventBridgeStandIn bridge = new EventBridgeStandIn();
    private final EventBridgeSink sink = new EventBridgeSink(bridge.client(), PublishedChanges.BUS);

    @AfterEach
    void stop() {
        bridge.close();
    }

    private static ChangeEvent event(int n, int dataChars) {
        return new ChangeEvent("id-" + n, "participants.participant.updated", 1_000L + n,
                "tenants/acme/participants/" + n, "acme", n, Map.of("displayName", "x".repeat(dataChars)));
    }

    @Test
    void largeEventsGoInCallsUnder256KilobytesInOrder() {
        List<ChangeEvent> events = IntStream.range(0, 5).mapToObj(n -> event(n, 100_000)).toList();

        assertThat(sink.publish(events)).isEqualTo(5);

        assertThat(bridge.callSizes()).containsExactly(2, 2, 1);
        assertThat(bridge.details()).extracting(d -> d.get("id").asText())
                .containsExactly("id-0", "id-1", "id-2", "id-3", "id-4");
        assertThat(events.stream().map(sink::entryOf).mapToInt(EventBridgeSink::sizeOf).limit(2).sum())
                .isLessThanOrEqualTo(EventBridgeSink.MAX_REQUEST_BYTES);
    }

    @Test
    void anEventLargerThanAnEntryMayBeStopsDeliveryThere() {
        List<ChangeEvent> events = List.of(event(0, 10), event(1, 300_000), event(2, 10));

        assertThat(sink.publish(events)).isEqualTo(1);

        assertThat(bridge.details()).extracting(d -> d.get("id").asText()).containsExactly("id-0");
    }
}
