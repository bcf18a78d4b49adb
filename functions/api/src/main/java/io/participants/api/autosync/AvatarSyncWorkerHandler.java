package io.participants.api.autosync;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import io.participants.api.FunctionCatalog;
import io.participants.api.ParticipantsHandler;
import io.participants.api.aws.AwsCalls;
import io.participants.api.aws.InvocationDeadline;
import io.participants.api.config.EnvironmentVariables;
import io.participants.api.dynamodb.DynamoAvatarSyncSchedule;
import io.participants.domain.avatar.AvatarSyncService;
import io.participants.domain.integration.IntegrationConfigStore;
import io.participants.domain.participant.ParticipantStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The auto-sync worker's Lambda: a batch of the queue's messages in (its SQS event source mapping), each synced by
 * {@link AutoSyncWorker}; the answer names the messages to deliver again ({@code batchItemFailures}). A message to
 * retry later gets that delay as its visibility timeout first (a 429's {@code Retry-After}), so the queue holds it
 * back instead of the worker sleeping; a message that cannot be read, or whose sync throws, is named as failed with
 * the queue's own timeout and, after the queue's {@code maxReceiveCount} receives, lands in the dead-letter queue.
 */
public final class AvatarSyncWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(AvatarSyncWorkerHandler.class);

    private final AutoSyncWorker worker;
    private final SyncQueue queue;

    /** The constructor Lambda calls: the application's beans (clients, sources, stores) from the environment. */
    public AvatarSyncWorkerHandler() {
        this(ParticipantsHandler.lambdaContextBuilder().start());
    }

    private AvatarSyncWorkerHandler(ApplicationContext context) {
        this(workerOf(context, interval()), new SqsSyncQueue(SqsSyncQueue.client(null, List.of()),
                required(EnvironmentVariables.AVATAR_SYNC_QUEUE_URL)));
    }

    /** For tests and local mode. */
    public AvatarSyncWorkerHandler(AutoSyncWorker worker, SyncQueue queue) {
        this.worker = worker;
        this.queue = queue;
    }

    /** The worker over an application context's beans. */
    public static AutoSyncWorker workerOf(ApplicationContext context, Duration interval) {
        String table = context.getRequiredProperty("participants.table-name", String.class);
        return new AutoSyncWorker(context.getBean(ParticipantStore.class),
                context.getBean(IntegrationConfigStore.class), context.getBean(AvatarSyncService.class),
                new DynamoAvatarSyncSchedule(context.getBean(DynamoDbClient.class), table),
                context.getBean(Clock.class), interval);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        MDC.put("function", FunctionCatalog.AVATAR_SYNC_WORKER);
        if (context != null && context.getAwsRequestId() != null) {
            MDC.put("requestId", context.getAwsRequestId());
        }
        InvocationDeadline.start(context);
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        try {
            List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null ? List.of()
                    : event.getRecords();
            for (SQSEvent.SQSMessage message : messages) {
                if (!handle(message)) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
            LOG.info("Auto-sync worker handled {} messages, {} to deliver again", messages.size(), failures.size());
            return new SQSBatchResponse(failures);
        } finally {
            InvocationDeadline.clear();
            AwsCalls.clear();
            MDC.remove("function");
            MDC.remove("requestId");
        }
    }

    /** Whether {@code message} is done with (deleted); false names it as a batch item failure. */
    private boolean handle(SQSEvent.SQSMessage message) {
        SyncRequest request;
        try {
            request = SyncRequest.parse(message.getBody());
        } catch (IllegalArgumentException e) {
            LOG.error("Auto-sync message {} is not a sync request; it goes to the dead-letter queue after its"
                    + " receives", message.getMessageId());
            return false;
        }
        AutoSyncWorker.Outcome outcome;
        try {
            outcome = worker.sync(request, message.getMessageId());
        } catch (RuntimeException e) {
            LOG.error("Automatic sync of participant {} failed", request.participantId(), e);
            return false;
        }
        LOG.info("Automatic sync of participant {} ({}): {}", request.participantId(), request.reason(),
                outcome.result());
        if (outcome.done()) {
            return true;
        }
        try {
            queue.delay(message.getReceiptHandle(), outcome.retryAfter());
        } catch (RuntimeException e) {
            // it comes back after the queue's own visibility timeout instead
            LOG.warn("Could not delay auto-sync message {}: {}", message.getMessageId(), e.getClass().getSimpleName());
        }
        return false;
    }

    /**
     * The deployment's interval, {@link EnvironmentVariables#AVATAR_SYNC_INTERVAL}, 24 hours unset; a config's own
     * {@code avatarSyncInterval} overrides it for the participants following that config's channels.
     */
    public static Duration interval() {
        String text = System.getenv(EnvironmentVariables.AVATAR_SYNC_INTERVAL);
        return text == null || text.isBlank() ? Duration.ofHours(24) : Duration.parse(text);
    }

    static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The environment variable " + variable + " is not set");
        }
        return value;
    }
}
