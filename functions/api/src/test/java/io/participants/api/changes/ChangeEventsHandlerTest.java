package io.participants.api.changes;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.participants.api.testing.LambdaContexts;
import io.participants.api.testing.LambdaStreamEvents;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler's batch answer, with a sink that keeps what it gets and refuses after a chosen count. */
class ChangeEventsHandlerTest {

    private static final class KeptEvents implements ChangeEventSink {
        final List<ChangeEvent> kept = new ArrayList<>();
        int capacity = Integer.MAX_VALUE;

        @Override
        public int publish(List<ChangeEvent> events) {
            int taken = Math.min(events.size(), capacity);
            kept.addAll(events.subList(0, taken));
            return taken;
        }
    }

    /** A participant's INSERT record; {@code version} null leaves the attribute out (a malformed item). */
    private static String record(String sequenceNumber, String id, String version) {
        return """
                {"eventID": "e%1$s", "eventName": "INSERT", "eventVersion": "1.1", "eventSource": "aws:dynamodb",
                 "awsRegion": "us-east-1",
                 "dynamodb": {"ApproximateCreationDateTime": 1.7E9,
                   "Keys": {"PK": {"S": "T#acme"}, "SK": {"S": "PARTICIPANT#%2$s"}},
                   "NewImage": {"PK": {"S": "T#acme"}, "SK": {"S": "PARTICIPANT#%2$s"}, "kind": {"S": "PERSON"},
                     "displayName": {"S": "P %2$s"}, "createdAt": {"N": "1000"}, "modifiedAt": {"N": "1000"}%3$s},
                   "SequenceNumber": "%1$s", "SizeBytes": 100, "StreamViewType": "NEW_AND_OLD_IMAGES"},
                 "eventSourceARN": "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x"}"""
                .formatted(sequenceNumber, id, version == null ? "" : ", \"version\": {\"N\": \"" + version + "\"}");
    }

    private static DynamodbEvent batch(String... records) {
        return LambdaStreamEvents.read("{\"Records\": [" + String.join(",", records) + "]}");
    }

    private static final String A = "01930000-0000-7000-8000-00000000000a";
    private static final String B = "01930000-0000-7000-8000-00000000000b";
    private static final String C = "01930000-0000-7000-8000-00000000000c";

    @Test
    void aWholeBatchPublishedAnswersNoFailure() {
        KeptEvents sink = new KeptEvents();

        StreamsEventResponse response = new ChangeEventsHandler(sink).handleRequest(
                batch(record("100", A, "1"), record("200", B, "1")), LambdaContexts.invocation());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(sink.kept).extracting(ChangeEvent::subject)
                .containsExactly("tenants/acme/participants/" + A, "tenants/acme/participants/" + B);
    }

    @Test
    void aMalformedRecordIsReportedAfterTheEventsBeforeItArePublished() {
        KeptEvents sink = new KeptEvents();

        StreamsEventResponse response = new ChangeEventsHandler(sink).handleRequest(
                batch(record("100", A, "1"), record("200", B, null), record("300", C, "1")),
                LambdaContexts.invocation());

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("200");
        assertThat(sink.kept).extracting(ChangeEvent::subject).containsExactly("tenants/acme/participants/" + A);
    }

    @Test
    void anUndeliveredEventBeforeAMalformedRecordIsTheEarlierFailure() {
        KeptEvents sink = new KeptEvents();
        sink.capacity = 0;

        StreamsEventResponse response = new ChangeEventsHandler(sink).handleRequest(
                batch(record("100", A, "1"), record("200", B, null)), LambdaContexts.invocation());

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("100");
    }

    @Test
    void anEmptyBatchPublishesNothing() {
        KeptEvents sink = new KeptEvents();

        assertThat(new ChangeEventsHandler(sink).handleRequest(batch(), LambdaContexts.invocation())
                .getBatchItemFailures()).isEmpty();
        assertThat(sink.kept).isEmpty();
    }
}
