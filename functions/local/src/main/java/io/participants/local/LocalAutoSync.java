package io.participants.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import io.participants.api.autosync.AutoSyncSweep;
import io.participants.api.autosync.AutoSyncTrigger;
import io.participants.api.autosync.AvatarSyncWorkerHandler;
import io.participants.api.autosync.ProviderPace;
import io.participants.api.autosync.SyncQueue;
import io.participants.api.changes.ChangeEvent;
import io.participants.api.dynamodb.DynamoAvatarSyncSchedule;
import io.participants.api.dynamodb.ParticipantsTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Auto-sync in local mode, in-process: the deployed sweep and worker code on a timer, with a queue in memory instead
 * of SQS (none resolves on the offline mirror). The sweep runs every {@code --auto-sync-interval} (at most every 5
 * minutes, as deployed); a change event that asks for a sync (a participant created or changed with auto-sync on,
 * {@link AutoSyncTrigger}) is queued at once, as the bus's rules do deployed. Messages the worker delays (a 429's
 * {@code Retry-After}, another sync's lease) come back after that delay; a message that fails
 * {@value #MAX_RECEIVE_COUNT} times is dropped with a warning, as the deployed queue would dead-letter it.
 */
final class LocalAutoSync implements AutoCloseable {

    static final long TICK_MILLIS = 250;
    static final int MAX_RECEIVE_COUNT = 10;
    /** The deployed queue's visibility timeout is 6 minutes; locally a failed message comes back sooner. */
    static final Duration VISIBILITY = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(LocalAutoSync.class);

    private final MemoryQueue queue;
    private final AutoSyncSweep sweep;
    private final AvatarSyncWorkerHandler worker;
    private final Duration sweepPeriod;
    private final Clock clock;
    private final ScheduledExecutorService loop;
    private long nextSweep;

    private LocalAutoSync(ApplicationContext context, String table, Duration interval, Clock clock) {
        this.clock = clock;
        this.queue = new MemoryQueue(clock);
        this.sweepPeriod = interval.compareTo(ProviderPace.SWEEP_PERIOD) < 0 ? interval : ProviderPace.SWEEP_PERIOD;
        this.sweep = new AutoSyncSweep(new DynamoAvatarSyncSchedule(context.getBean(DynamoDbClient.class), table),
                queue, clock, sweepPeriod);
        this.worker = new AvatarSyncWorkerHandler(AvatarSyncWorkerHandler.workerOf(context, interval), queue);
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "local-auto-sync");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Adds the due index to a table from before auto-sync, and starts the sweep and the worker. */
    static LocalAutoSync start(ApplicationContext context, String table, Duration interval) {
        ensureDueIndex(context.getBean(DynamoDbClient.class), table);
        LocalAutoSync autoSync = new LocalAutoSync(context, table, interval, Clock.systemUTC());
        autoSync.loop.scheduleWithFixedDelay(autoSync::tickQuietly, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        LOG.info("Auto-sync: participants are synced again {} after their last automatic sync", interval);
        return autoSync;
    }

    static void ensureDueIndex(DynamoDbClient client, String table) {
        TableDescription description = client.describeTable(d -> d.tableName(table)).table();
        boolean present = description.hasGlobalSecondaryIndexes() && description.globalSecondaryIndexes().stream()
                .map(GlobalSecondaryIndexDescription::indexName).anyMatch(ParticipantsTable.GSI3::equals);
        if (!present) {
            var index = ParticipantsTable.dueIndex();
            software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate create =
                    software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate.builder()
                            .create(c -> c.indexName(index.indexName()).keySchema(index.keySchema())
                                    .projection(index.projection()))
                            .build();
            client.updateTable(u -> u.tableName(table)
                    .attributeDefinitions(ParticipantsTable.createTableRequest(table).attributeDefinitions())
                    .globalSecondaryIndexUpdates(create));
            LOG.info("Added the due index {} to table {} for auto-sync", ParticipantsTable.GSI3, table);
        }
    }

    /** A change event local mode's publisher wrote: queued at once when it asks for a sync. */
    void changed(ChangeEvent event) {
        AutoSyncTrigger.requestOf(event).ifPresent(request -> queue.send(List.of(
                new SyncQueue.Delayed(request, Duration.ZERO))));
    }

    /** One step: the sweep when its time has come, then the messages visible now; for tests to call in step. */
    synchronized void tick() {
        long now = clock.millis();
        if (now >= nextSweep) {
            sweep.sweep();
            nextSweep = now + sweepPeriod.toMillis();
        }
        List<SQSEvent.SQSMessage> batch = queue.receive(10);
        if (batch.isEmpty()) {
            return;
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(batch);
        SQSBatchResponse answer = worker.handleRequest(event, new LocalLambdaContext(UUID.randomUUID().toString(),
                io.participants.api.FunctionCatalog.AVATAR_SYNC_WORKER, clock));
        Set<String> failed = new HashSet<>();
        answer.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
        batch.stream().filter(m -> !failed.contains(m.getMessageId())).forEach(m -> queue.delete(m.getMessageId()));
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("Auto-sync step failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SQS's semantics that the worker relies on, in memory: delays, visibility, receive counts, deletes. */
    static final class MemoryQueue implements SyncQueue {

        private static final class Message {
            final String id = UUID.randomUUID().toString();
            final String body;
            long visibleAt;
            int receives;
            String receipt;

            Message(String body, long visibleAt) {
                this.body = body;
                this.visibleAt = visibleAt;
            }
        }

        private final Clock clock;
        private final Map<String, Message> messages = new LinkedHashMap<>();

        MemoryQueue(Clock clock) {
            this.clock = clock;
        }

        @Override
        public synchronized int send(List<Delayed> requests) {
            long now = clock.millis();
            for (Delayed one : requests) {
                Message message = new Message(one.request().toJson(), now + one.delay().toMillis());
                messages.put(message.id, message);
            }
            return requests.size();
        }

        @Override
        public synchronized void delay(String receiptHandle, Duration delay) {
            messages.values().stream().filter(m -> receiptHandle.equals(m.receipt)).findFirst()
                    .ifPresent(m -> m.visibleAt = clock.millis() + delay.toMillis());
        }

        synchronized List<SQSEvent.SQSMessage> receive(int max) {
            long now = clock.millis();
            List<SQSEvent.SQSMessage> out = new ArrayList<>();
            for (Iterator<Message> it = messages.values().iterator(); it.hasNext() && out.size() < max; ) {
                Message message = it.next();
                if (message.visibleAt > now) {
                    continue;
                }
                if (message.receives >= MAX_RECEIVE_COUNT) {
                    LOG.warn("Auto-sync message {} failed {} times and is dropped (deployed, it would go to the"
                            + " dead-letter queue): {}", message.id, message.receives, message.body);
                    it.remove();
                    continue;
                }
                message.receives++;
                message.receipt = UUID.randomUUID().toString();
                message.visibleAt = now + VISIBILITY.toMillis();
                SQSEvent.SQSMessage sqs = new SQSEvent.SQSMessage();
                sqs.setMessageId(message.id);
                sqs.setReceiptHandle(message.receipt);
                sqs.setBody(message.body);
                out.add(sqs);
            }
            return out;
        }

        synchronized void delete(String messageId) {
            messages.remove(messageId);
        }

        synchronized int size() {
            return messages.size();
        }
    }
}
