package io.participants.local;

import io.participants.api.changes.ChangeEventsHandler;
import io.participants.api.changes.StreamChange;
import io.participants.api.changes.StreamRecords;
import io.participants.api.changes.TableStreamReader;
import io.participants.api.dynamodb.ParticipantsTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The change events of local mode: a poller reads the table's stream (DynamoDB Local's) and runs the publisher's
 * own code ({@link ChangeEventsHandler#publish}) with a sink that appends each event to a JSON-lines file, which
 * {@code ./local events [--follow]} prints. Events of writes made before this start are not shown again.
 */
final class LocalChangeEvents implements AutoCloseable {

    /** The file under the data directory; an --in-memory local mode starts it empty, as its data. */
    static final String FILE = "events.jsonl";
    static final long POLL_MILLIS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(LocalChangeEvents.class);
    /**
     * Held so it is not collected: DynamoDB Local's stream API warns, once, that JAXB is missing for its Base64
     * (it falls back to its own, which is all a local stream needs).
     */
    private static final java.util.logging.Logger BASE64_LOG =
            java.util.logging.Logger.getLogger("com.amazonaws.util.Base64");

    static {
        BASE64_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private final DynamoDbStreamsClient streams;
    private final TableStreamReader reader;
    private final ChangeEventsHandler publisher;
    private final ScheduledExecutorService poller;
    /** Records read but whose events are not written yet (the file could not be written): tried again. */
    private final List<StreamChange> pending = new ArrayList<>();
    private final Path file;

    /** Who else hears each event written (local mode's auto-sync, as the bus's rules do deployed). */
    private final java.util.List<java.util.function.Consumer<io.participants.api.changes.ChangeEvent>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private LocalChangeEvents(DynamoDbStreamsClient streams, TableStreamReader reader, Path file) {
        this.streams = streams;
        this.reader = reader;
        this.file = file;
        JsonLinesSink lines = new JsonLinesSink(file);
        this.publisher = new ChangeEventsHandler(events -> {
            int written = lines.publish(events);
            events.subList(0, written).forEach(event -> listeners.forEach(listener -> listener.accept(event)));
            return written;
        });
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "local-change-events");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Turns the table's stream on if it is off (a table from before change events), and starts polling it. */
    static LocalChangeEvents start(URI dynamoDb, String table, Path file, boolean fresh) {
        String streamArn = ensureStream(dynamoDb, table);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (fresh) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + file, e);
        }
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(dynamoDb)
                .region(LocalAws.REGION).credentialsProvider(LocalAws.credentials())
                .httpClient(UrlConnectionHttpClient.create()).build();
        LocalChangeEvents events = new LocalChangeEvents(streams,
                new TableStreamReader(streams, streamArn, ShardIteratorType.LATEST), file);
        try {
            // the first read places the reader at the stream's end: only writes from now on are shown
            events.reader.read();
        } catch (RuntimeException e) {
            streams.close();
            throw e;
        }
        events.poller.scheduleWithFixedDelay(events::pollQuietly, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return events;
    }

    /** The table's stream ARN, after enabling its stream (new and old images) if a table kept from before lacks it. */
    static String ensureStream(URI dynamoDb, String table) {
        try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(dynamoDb).region(LocalAws.REGION)
                .credentialsProvider(LocalAws.credentials()).httpClient(UrlConnectionHttpClient.create()).build()) {
            TableDescription description = client.describeTable(d -> d.tableName(table)).table();
            if (description.streamSpecification() == null
                    || !Boolean.TRUE.equals(description.streamSpecification().streamEnabled())) {
                description = client.updateTable(u -> u.tableName(table)
                        .streamSpecification(ParticipantsTable.STREAM)).tableDescription();
                LOG.info("Enabled the stream of table {} for change events", table);
            }
            return description.latestStreamArn();
        }
    }

    Path file() {
        return file;
    }

    /** Hands every event written from now on to {@code listener} too. */
    void listen(java.util.function.Consumer<io.participants.api.changes.ChangeEvent> listener) {
        listeners.add(listener);
    }

    /** Reads what the stream holds now and writes its events: what each poll does, for tests to call in step. */
    synchronized void poll() {
        reader.read().forEach(record -> pending.add(StreamRecords.of(record)));
        if (pending.isEmpty()) {
            return;
        }
        String failed = publisher.publish(List.copyOf(pending));
        if (failed == null) {
            pending.clear();
            return;
        }
        // keep the record that failed and those after it for the next poll
        int from = 0;
        while (from < pending.size() && !pending.get(from).sequenceNumber().equals(failed)) {
            from++;
        }
        pending.subList(0, from).clear();
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("Could not read the table's stream for change events: {}", e.toString());
        }
    }

    @Override
    public void close() {
        poller.shutdown();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
            // the writes of the last moments
            pollQuietly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.close();
        }
    }
}
