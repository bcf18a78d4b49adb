package io.participants.api.autosync;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.participants.api.FunctionCatalog;
import io.participants.api.aws.AwsCalls;
import io.participants.api.aws.ClientBudgets;
import io.participants.api.aws.InvocationDeadline;
import io.participants.api.config.EnvironmentVariables;
import io.participants.api.dynamodb.DynamoAvatarSyncSchedule;
import org.slf4j.MDC;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The auto-sync sweep's Lambda, invoked by its schedule every {@link AutoSyncSweep#PERIOD}: queues the participants
 * due now ({@link AutoSyncSweep}). No framework: one DynamoDB and one SQS client. Its answer is the count queued.
 */
public final class AvatarSyncSweepHandler implements RequestHandler<Map<String, Object>, Integer> {

    private final AutoSyncSweep sweep;

    /** The constructor Lambda calls: table and queue from the environment, clients built once per container. */
    public AvatarSyncSweepHandler() {
        this(new AutoSyncSweep(new DynamoAvatarSyncSchedule(DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(ClientBudgets.overrides(List.of()))
                .build(), AvatarSyncWorkerHandler.required(EnvironmentVariables.TABLE_NAME)),
                new SqsSyncQueue(SqsSyncQueue.client(null, List.of()),
                        AvatarSyncWorkerHandler.required(EnvironmentVariables.AVATAR_SYNC_QUEUE_URL)),
                Clock.systemUTC(), AutoSyncSweep.PERIOD));
    }

    /** For tests and local mode. */
    public AvatarSyncSweepHandler(AutoSyncSweep sweep) {
        this.sweep = sweep;
    }

    @Override
    public Integer handleRequest(Map<String, Object> event, Context context) {
        MDC.put("function", FunctionCatalog.AVATAR_SYNC_SWEEP);
        InvocationDeadline.start(context);
        try {
            return sweep.sweep();
        } finally {
            InvocationDeadline.clear();
            AwsCalls.clear();
            MDC.remove("function");
        }
    }
}
