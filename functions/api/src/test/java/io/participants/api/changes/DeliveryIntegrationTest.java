package io.participants.api.changes;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.participants.api.testing.ApiHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At-least-once delivery: a batch that fails half-way (EventBridge refuses entries, or a whole call fails) names the
 * earliest record whose event did not get through, and redelivered from there as Lambda would, loses nothing and
 * repeats only events with the same id and content.
 */
class DeliveryIntegrationTest {

    private static ApiHarness api;
    private static PublishedChanges changes;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        changes = new PublishedChanges(api.table());
    }

    @AfterAll
    static void stop() {
        api.close();
        changes.close();
    }

    @BeforeEach
    void publishEarlierWrites() {
        changes.events();
    }

    /** {@code count} participants created; their records, in stream order. */
    private static List<Record> created(int count) {
        for (int i = 0; i < count; i++) {
            assertThat(api.request("POST", "/v1/tenants/acme/participants")
                    .jsonBody(Map.of("displayName", "Participant " + i)).send().status()).isEqualTo(201);
        }
        List<Record> records = changes.records();
        assertThat(records).hasSize(count);
        return records;
    }

    /** The records from the one a failure names, as Lambda redelivers them. */
    private static List<Record> from(List<Record> records, StreamsEventResponse response) {
        assertThat(response.getBatchItemFailures()).hasSize(1);
        String sequenceNumber = response.getBatchItemFailures().get(0).getItemIdentifier();
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).dynamodb().sequenceNumber().equals(sequenceNumber)) {
                return records.subList(i, records.size());
            }
        }
        throw new AssertionError("no record " + sequenceNumber + " in the batch");
    }

    @Test
    void refusedEntriesAreRedeliveredFromTheFirstWithoutLoss() {
        List<Record> records = created(5);
        changes.bridge.refuseEntriesFrom(2);

        StreamsEventResponse failed = changes.publish(records);

        assertThat(failed.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(records.get(2).dynamodb().sequenceNumber());
        assertThat(changes.bridge.accepted()).hasSize(2);

        changes.bridge.heal();
        StreamsEventResponse retried = changes.publish(from(records, failed));

        assertThat(retried.getBatchItemFailures()).isEmpty();
        assertThat(subjects(changes.bridge.details())).containsExactlyElementsOf(subjectsOf(records));
    }

    @Test
    void anEntryRefusedAmongAcceptedOnesRepeatsOnlyIdenticalEvents() {
        List<Record> records = created(5);
        changes.bridge.refuseEntryOfNextCall(1);

        StreamsEventResponse failed = changes.publish(records);
        assertThat(failed.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(records.get(1).dynamodb().sequenceNumber());
        changes.publish(from(records, failed));

        List<JsonNode> delivered = changes.bridge.details();
        // 4 the first time (all but the refused one), 4 again from the refused one on
        assertThat(delivered).hasSize(8);
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode event : delivered) {
            JsonNode earlier = byId.putIfAbsent(event.get("id").asText(), event);
            if (earlier != null) {
                assertThat(event).as("a repeated event is the same event").isEqualTo(earlier);
            }
        }
        assertThat(byId).hasSize(5);
        assertThat(subjects(new ArrayList<>(byId.values()))).containsExactlyInAnyOrderElementsOf(subjectsOf(records));
    }

    @Test
    void aFailingCallIsRedeliveredWhole() {
        List<Record> records = created(3);
        // every attempt of the SDK's budget (3) answers 500
        changes.bridge.failCalls(3, 500, "InternalException");

        StreamsEventResponse failed = changes.publish(records);

        assertThat(failed.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(records.get(0).dynamodb().sequenceNumber());
        assertThat(changes.bridge.callSizes()).containsExactly(3, 3, 3);
        assertThat(changes.bridge.accepted()).isEmpty();

        changes.bridge.heal();
        assertThat(changes.publish(from(records, failed)).getBatchItemFailures()).isEmpty();
        assertThat(subjects(changes.bridge.details())).containsExactlyElementsOf(subjectsOf(records));
    }

    @Test
    void aThrottledCallIsRetriedWithinTheCallBudget() {
        List<Record> records = created(2);
        changes.bridge.failCalls(1, 400, "ThrottlingException");

        StreamsEventResponse response = changes.publish(records);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(changes.bridge.callSizes()).containsExactly(2, 2);
        assertThat(changes.bridge.accepted()).hasSize(2);
    }

    @Test
    void moreThanTenEventsGoInCallsOfTenInStreamOrder() {
        List<Record> records = created(12);

        assertThat(changes.publish(records).getBatchItemFailures()).isEmpty();

        assertThat(changes.bridge.callSizes()).containsExactly(10, 2);
        assertThat(subjects(changes.bridge.details())).containsExactlyElementsOf(subjectsOf(records));
    }

    private static List<String> subjects(List<JsonNode> events) {
        return events.stream().map(e -> e.get("subject").asText()).toList();
    }

    private static List<String> subjectsOf(List<Record> records) {
        return records.stream().map(r -> "tenants/acme/participants/"
                + r.dynamodb().keys().get("SK").s().substring("PARTICIPANT#".length())).toList();
    }
}
