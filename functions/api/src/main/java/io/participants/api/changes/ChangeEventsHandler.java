package io.participants.api.changes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.participants.api.FunctionCatalog;
import io.participants.api.aws.AwsCalls;
import io.participants.api.aws.InvocationDeadline;
import io.participants.api.config.EnvironmentVariables;
import io.participants.api.dynamodb.ItemChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The change-events publisher: a batch of the table's stream records in, one event per accepted write out to the
 * {@link ChangeEventSink}, in stream order. No framework, so its cold start is small; no request path waits on it.
 *
 * <p>Delivery is at least once. When a record cannot be read, or an event is refused or its call fails, the batch
 * answer names the earliest such record ({@code batchItemFailures}), so Lambda retries from there: the records after
 * it come again too, and their events keep their {@code id}, by which consumers deduplicate.
 */
public final class ChangeEventsHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeEventsHandler.class);

    private final ChangeEventSink sink;

    /** The constructor Lambda calls: the bus comes from the environment, the client is built once per container. */
    public ChangeEventsHandler() {
        this(new EventBridgeSink(EventBridgeSink.client(null, List.of()),
                required(EnvironmentVariables.EVENT_BUS_NAME)));
    }

    /** For tests and local mode, with the sink they chose. */
    public ChangeEventsHandler(ChangeEventSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        MDC.put("function", FunctionCatalog.CHANGE_EVENTS);
        if (context != null && context.getAwsRequestId() != null) {
            MDC.put("requestId", context.getAwsRequestId());
        }
        InvocationDeadline.start(context);
        try {
            List<StreamChange> changes = new ArrayList<>();
            String unreadable = null;
            for (DynamodbEvent.DynamodbStreamRecord record : event == null || event.getRecords() == null
                    ? List.<DynamodbEvent.DynamodbStreamRecord>of() : event.getRecords()) {
                try {
                    changes.add(StreamRecords.of(record));
                } catch (MalformedChangeException e) {
                    LOG.error("Stream record {} cannot be read: {}", sequenceNumberOf(record), e.getMessage());
                    unreadable = sequenceNumberOf(record);
                    break;
                }
            }
            String failed = publish(changes);
            return answer(failed != null ? failed : unreadable);
        } finally {
            InvocationDeadline.clear();
            AwsCalls.clear();
            MDC.remove("function");
            MDC.remove("requestId");
        }
    }

    /**
     * Publishes the events of {@code changes}, in order, as far as it can.
     *
     * @return the sequence number of the earliest record whose event was not published (or that could not be mapped),
     *         from which the stream must deliver again; null when every record was handled
     */
    public String publish(List<StreamChange> changes) {
        List<ChangeEvent> events = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        String unmappable = null;
        for (StreamChange change : changes) {
            Optional<ChangeEvent> mapped;
            try {
                mapped = ItemChanges.eventOf(change);
            } catch (MalformedChangeException e) {
                LOG.error("Stream record {} ({}) cannot be read as a change: {}", change.sequenceNumber(),
                        change.eventName(), e.getMessage());
                unmappable = change.sequenceNumber();
                break;
            }
            mapped.ifPresent(e -> {
                events.add(e);
                sources.add(change.sequenceNumber());
            });
        }
        int delivered = events.isEmpty() ? 0 : sink.publish(events);
        String failed = delivered < events.size() ? sources.get(delivered) : unmappable;
        LOG.info("Published {} of {} change events from {} stream records{}", delivered, events.size(),
                changes.size(), failed == null ? "" : "; the stream redelivers from record " + failed);
        return failed;
    }

    private static StreamsEventResponse answer(String failedSequenceNumber) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        if (failedSequenceNumber != null) {
            failures.add(new StreamsEventResponse.BatchItemFailure(failedSequenceNumber));
        }
        return new StreamsEventResponse(failures);
    }

    private static String sequenceNumberOf(DynamodbEvent.DynamodbStreamRecord record) {
        return record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The environment variable " + variable + " is not set");
        }
        return value;
    }
}
