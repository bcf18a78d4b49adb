package io.participants.api.changes;

import io.participants.api.aws.ClientBudgets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Change events as EventBridge entries on the stack's bus: {@code Source} {@value ChangeEvent#SOURCE},
 * {@code DetailType} the CloudEvents type, {@code Detail} the CloudEvent, {@code Time} the write's. PutEvents takes
 * at most {@value #MAX_ENTRIES} entries and {@value #MAX_REQUEST_BYTES} bytes a call; a refused entry or a failed call
 * stops delivery there, so the stream redelivers from that event on.
 */
public final class EventBridgeSink implements ChangeEventSink {

    static final int MAX_ENTRIES = 10;
    /** PutEvents' limit for all entries of a call, counted as EventBridge counts an entry ({@link #sizeOf}). */
    static final int MAX_REQUEST_BYTES = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(EventBridgeSink.class);

    private final EventBridgeClient client;
    private final String busName;

    public EventBridgeSink(EventBridgeClient client, String busName) {
        this.client = Objects.requireNonNull(client, "client");
        this.busName = Objects.requireNonNull(busName, "busName");
    }

    /**
     * The container's one client: sync on the JDK's URL connection, region and credentials from the Lambda
     * environment, the project's call budgets.
     *
     * @param endpoint an EventBridge-compatible endpoint, or null for AWS's own (or {@code AWS_ENDPOINT_URL_EVENTBRIDGE})
     */
    public static EventBridgeClient client(URI endpoint, List<ExecutionInterceptor> interceptors) {
        EventBridgeClientBuilder builder = EventBridgeClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientBudgets.overrides(interceptors));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    @Override
    public int publish(List<ChangeEvent> events) {
        int delivered = 0;
        while (delivered < events.size()) {
            List<PutEventsRequestEntry> chunk = chunkFrom(events, delivered);
            if (chunk.isEmpty()) {
                ChangeEvent tooLarge = events.get(delivered);
                LOG.error("Change event {} ({}) is larger than an EventBridge entry may be", tooLarge.id(),
                        tooLarge.type());
                return delivered;
            }
            PutEventsResponse response;
            try {
                response = client.putEvents(r -> r.entries(chunk));
            } catch (SdkException e) {
                LOG.warn("EventBridge PutEvents of {} entries failed: {}", chunk.size(), describe(e));
                return delivered;
            }
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                List<PutEventsResultEntry> results = response.entries();
                for (int i = 0; i < chunk.size(); i++) {
                    PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
                    if (result == null || result.errorCode() != null || result.eventId() == null) {
                        ChangeEvent refused = events.get(delivered + i);
                        LOG.warn("EventBridge refused change event {} ({}): {}", refused.id(), refused.type(),
                                result == null ? "no result entry" : result.errorCode());
                        return delivered + i;
                    }
                }
            }
            delivered += chunk.size();
        }
        return delivered;
    }

    /** As many events from {@code start} as one PutEvents call takes. */
    private List<PutEventsRequestEntry> chunkFrom(List<ChangeEvent> events, int start) {
        List<PutEventsRequestEntry> chunk = new ArrayList<>();
        int bytes = 0;
        for (int i = start; i < events.size() && chunk.size() < MAX_ENTRIES; i++) {
            PutEventsRequestEntry entry = entryOf(events.get(i));
            int size = sizeOf(entry);
            if (bytes + size > MAX_REQUEST_BYTES) {
                break;
            }
            chunk.add(entry);
            bytes += size;
        }
        return chunk;
    }

    PutEventsRequestEntry entryOf(ChangeEvent event) {
        return PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(ChangeEvent.SOURCE)
                .detailType(event.type())
                .detail(event.toJson())
                .time(Instant.ofEpochMilli(event.time()))
                .build();
    }

    /** An entry's size as EventBridge counts it: 14 bytes for the time, and the UTF-8 bytes of the texts. */
    static int sizeOf(PutEventsRequestEntry entry) {
        int size = entry.time() == null ? 0 : 14;
        size += utf8(entry.source()) + utf8(entry.detailType()) + utf8(entry.detail());
        if (entry.hasResources()) {
            for (String resource : entry.resources()) {
                size += utf8(resource);
            }
        }
        return size;
    }

    private static int utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The failure's kind and code, never a message that could echo an entry. */
    private static String describe(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + " (status " + service.statusCode() + ")";
        }
        return e.getClass().getSimpleName();
    }
}
