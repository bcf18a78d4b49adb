package io.participants.api.changes;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.participants.api.testing.EventBridgeStandIn;
import io.participants.api.testing.LambdaContexts;
import io.participants.api.testing.LambdaStreamEvents;
import io.participants.api.testing.LocalDynamo;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher over one test table, as Lambda runs it in AWS: the table's stream read from DynamoDB Local, each
 * batch handed to the real handler as the Lambda event JSON the runtime reads, its events sent by the real
 * EventBridge client to the stand-in.
 */
public final class PublishedChanges implements AutoCloseable {

    static final String BUS = "participants-change-events-test";

    final EventBridgeStandIn bridge = new EventBridgeStandIn();
    final ChangeEventsHandler publisher = new ChangeEventsHandler(new EventBridgeSink(bridge.client(), BUS));
    final TableStreamReader stream;

    public PublishedChanges(String table) {
        stream = new TableStreamReader(LocalDynamo.streamsClient(), LocalDynamo.streamArn(table),
                ShardIteratorType.TRIM_HORIZON);
    }

    /** The records written since the last read. */
    List<Record> records() {
        return stream.read();
    }

    /** Runs the publisher on {@code records} as one batch. */
    StreamsEventResponse publish(List<Record> records) {
        return publisher.handleRequest(LambdaStreamEvents.of(records, stream.streamArn()), LambdaContexts.invocation());
    }

    /**
     * The CloudEvents published for the writes since the last call, the batch succeeding whole; the stand-in
     * forgets them.
     */
    public List<JsonNode> events() {
        StreamsEventResponse response = publish(records());
        assertThat(response.getBatchItemFailures()).as("batch item failures").isEmpty();
        List<JsonNode> events = bridge.details();
        bridge.reset();
        return events;
    }

    /** The one event published since the last call. */
    public JsonNode event() {
        List<JsonNode> events = events();
        assertThat(events).as("events published").hasSize(1);
        return events.get(0);
    }

    @Override
    public void close() {
        bridge.close();
    }
}
