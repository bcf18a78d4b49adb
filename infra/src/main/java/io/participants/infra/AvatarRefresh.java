package io.participants.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.participants.api.FunctionCatalog;
import io.participants.api.autosync.ProviderPace;
import io.participants.api.autosync.AutoSyncTrigger;
import io.participants.api.autosync.SyncRequest;
import io.participants.api.changes.ChangeEvent;
import io.participants.api.config.EnvironmentVariables;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sqs.CfnQueue;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Avatars that stay fresh by themselves (docs/avatars.md, "Automatic sync"): the queue of automatic syncs and its
 * dead-letter queue, the sweep on a schedule that queues the participants due (a Query of the table's due index), the
 * two rules on the change-events bus that queue a participant whose auto-sync setting or channels changed, and the
 * worker the queue invokes, each function with a role of its own holding exactly what it calls.
 */
public final class AvatarRefresh extends Construct {

    public static final String SWEEP_HANDLER = "io.participants.api.autosync.AvatarSyncSweepHandler::handleRequest";
    public static final String WORKER_HANDLER = "io.participants.api.autosync.AvatarSyncWorkerHandler::handleRequest";
    public static final String SWEEP_ID = Functions.logicalId(FunctionCatalog.AVATAR_SYNC_SWEEP);
    public static final String WORKER_ID = Functions.logicalId(FunctionCatalog.AVATAR_SYNC_WORKER);
    /** A sync makes one provider call, one image download and a few table and bucket calls: seconds at most. */
    public static final Duration WORKER_TIMEOUT = Duration.seconds(60);
    /** One Query per provider and SendMessageBatch calls of 10: a few seconds even for thousands due. */
    public static final Duration SWEEP_TIMEOUT = Duration.seconds(60);
    /** Six times the worker's timeout, as AWS advises for a queue that invokes a function. */
    public static final Duration VISIBILITY_TIMEOUT = Duration.seconds(6 * 60);
    /**
     * Receives before a message goes to the dead-letter queue. A rate limit or a lease moves the message's own
     * visibility instead of failing it for good, so 10 receives outlast a storm of 429s of many minutes; only a
     * message that cannot be synced (unreadable, or a sync that keeps throwing) reaches 10.
     */
    public static final int MAX_RECEIVE_COUNT = 10;
    public static final int BATCH_SIZE = 10;
    /** At most this many workers at once: the providers' pace is the sweep's, this bounds a burst of changes. */
    public static final int MAX_CONCURRENCY = 5;
    public static final int SWEEP_MEMORY_MB = 512;

    /**
     * @param lambdaZip     the functions' artifact (the worker uses the application's wiring, the sweep two clients)
     * @param table         the data table, with its due index GSI3
     * @param avatars       the avatar bucket
     * @param secrets       the secrets (the Microsoft app's, for a Teams token's refresh) and their prefix
     * @param bus           the change-events bus, whose participant events ask for a sync
     */
    public record Props(java.nio.file.Path lambdaZip, ITable table, IBucket avatars, SecretsInUse secrets,
                        IEventBus bus) {
    }

    /** The secrets construct and the prefix of the per-tenant token secrets. */
    public record SecretsInUse(Secrets construct, String secretsPrefix) {

        software.amazon.awscdk.services.secretsmanager.ISecret microsoftApp() {
            return construct.microsoftApp();
        }
    }

    private final Queue queue;
    private final Queue deadLetters;
    private final Function sweep;
    private final Function worker;
    private final Rule schedule;

    public AvatarRefresh(Construct scope, String id, Props props) {
        super(scope, id);
        Code code = Code.fromAsset(props.lambdaZip().toString());

        deadLetters = Queue.Builder.create(this, "DeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        ((CfnQueue) deadLetters.getNode().getDefaultChild()).overrideLogicalId("AvatarSyncDeadLetters");
        NagSuppressions.addResourceSuppressions(deadLetters, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SQS3").reason("This queue is itself the dead-letter queue of the auto-sync queue;"
                        + " an alarm watches it.").build()));
        queue = Queue.Builder.create(this, "Queue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .visibilityTimeout(VISIBILITY_TIMEOUT)
                .retentionPeriod(Duration.days(4))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVE_COUNT).build())
                .build();
        ((CfnQueue) queue.getNode().getDefaultChild()).overrideLogicalId("AvatarSyncQueue");

        Stack stack = Stack.of(this);
        String tableArn = props.table().getTableArn();
        String objects = props.avatars().arnForObjects(AvatarStorage.KEY_PREFIX + "*");

        // the sweep: Query of the due index, SendMessageBatch to the queue
        LogGroup sweepLogs = logs("SweepLogs", SWEEP_ID);
        Role sweepRole = role("SweepRole", SWEEP_ID, "Runs the auto-sync sweep: the table's due index in, the queue"
                + " out", List.of(
                allow("Logs", List.of("logs:CreateLogStream", "logs:PutLogEvents"), List.of(sweepLogs.getLogGroupArn())),
                allow("Tracing", List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"), List.of("*")),
                allow("Indexes", List.of(Permissions.QUERY), List.of(tableArn + "/index/*")),
                allow("Queue", List.of("sqs:SendMessage"), List.of(queue.getQueueArn()))));
        NagSuppressions.addResourceSuppressions(sweepRole, List.of(xray(), iam5("Query reads the table's due index"
                + " (GSI3), whose ARN is table/index/{name}: the wildcard covers the indexes of this one table only.",
                "Resource::<" + logicalIdOf(stack, props.table()) + ".Arn>/index/*")));
        Map<String, String> sweepEnv = new LinkedHashMap<>();
        sweepEnv.put(EnvironmentVariables.TABLE_NAME, props.table().getTableName());
        sweepEnv.put(EnvironmentVariables.AVATAR_SYNC_QUEUE_URL, queue.getQueueUrl());
        sweepEnv.put("JAVA_TOOL_OPTIONS", Functions.JAVA_TOOL_OPTIONS);
        sweep = function("Sweep", SWEEP_ID, FunctionCatalog.AVATAR_SYNC_SWEEP + ": queues the participants due for an"
                + " automatic avatar sync", code, SWEEP_HANDLER, SWEEP_MEMORY_MB, SWEEP_TIMEOUT, sweepRole, sweepLogs,
                sweepEnv);
        schedule = Rule.Builder.create(this, "Schedule")
                .description("Runs the auto-sync sweep every " + ProviderPace.SWEEP_PERIOD.toMinutes() + " minutes")
                .schedule(Schedule.rate(Duration.minutes(ProviderPace.SWEEP_PERIOD.toMinutes())))
                .targets(List.of(LambdaFunction.Builder.create(sweep).retryAttempts(2).build()))
                .build();

        // the worker: the sync's own calls (as sync-participant-avatar's, for Slack and Telegram tokens), the queue's
        LogGroup workerLogs = logs("WorkerLogs", WORKER_ID);
        List<PolicyStatement> workerStatements = new ArrayList<>(List.of(
                allow("Logs", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        List.of(workerLogs.getLogGroupArn())),
                allow("Tracing", List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"), List.of("*")),
                // the participant and its schedule item read and written, a dropped schedule deleted; the followed
                // channel's config read (GetItem) for its own auto-sync interval
                allow("Table", List.of(Permissions.GET, Permissions.PUT, Permissions.UPDATE, Permissions.DELETE),
                        List.of(tableArn)),
                allow("Avatars", List.of(Permissions.PUT_OBJECT, Permissions.PUT_OBJECT_TAGGING,
                        Permissions.DELETE_OBJECT_TAGGING, Permissions.DELETE_OBJECT), List.of(objects)),
                // as sync-participant-avatar: an expired Microsoft token is refreshed with the Microsoft app's
                // credentials, the new one written beside the old and made current only if the old still is
                allow("TokenSecrets", List.of(Permissions.GET_SECRET, Permissions.PUT_SECRET,
                        Permissions.UPDATE_SECRET_STAGE),
                        List.of(Functions.tokenSecretsArn(stack, props.secrets().secretsPrefix()))),
                allow("AppSecrets", List.of(Permissions.GET_SECRET),
                        List.of(props.secrets().microsoftApp().getSecretArn())),
                // the worker's own call: a rate-limited message's delay
                allow("Delay", List.of("sqs:ChangeMessageVisibility"), List.of(queue.getQueueArn())),
                // the event source mapping's calls, which Lambda makes with this role
                allow("Mapping", List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"),
                        List.of(queue.getQueueArn()))));
        Role workerRole = role("WorkerRole", WORKER_ID, "Runs the auto-sync worker: the queue in, the participant's"
                + " avatar synced", workerStatements);
        NagSuppressions.addResourceSuppressions(workerRole, List.of(xray(),
                iam5("Avatar objects are keyed avatars/{tenant}/{fileId}, created at run time: the wildcard covers the"
                        + " avatars/ prefix of this one bucket, for the object actions listed only.",
                        "Resource::<" + logicalIdOf(stack, props.avatars()) + ".Arn>/" + AvatarStorage.KEY_PREFIX
                                + "*"),
                iam5("Provider token secrets are created at run time, one per tenant and integration config: the"
                        + " wildcards stand for those two ids and for the suffix Secrets Manager appends.",
                        "Resource::arn:" + nagText(stack.getPartition(), "<AWS::Partition>") + ":secretsmanager:"
                                + nagText(stack.getRegion(), "<AWS::Region>") + ":"
                                + nagText(stack.getAccount(), "<AWS::AccountId>") + ":secret:"
                                + Secrets.tokenNamePattern(props.secrets().secretsPrefix()) + "-??????")));
        Map<String, String> workerEnv = new LinkedHashMap<>();
        workerEnv.put(EnvironmentVariables.FUNCTION, FunctionCatalog.AVATAR_SYNC_WORKER);
        workerEnv.put(EnvironmentVariables.TABLE_NAME, props.table().getTableName());
        workerEnv.put(EnvironmentVariables.AVATARS_BUCKET, props.avatars().getBucketName());
        workerEnv.put(EnvironmentVariables.AVATARS_TAG_UPLOADS, "true");
        workerEnv.put(EnvironmentVariables.SECRETS_PREFIX, props.secrets().secretsPrefix());
        workerEnv.put(EnvironmentVariables.AVATAR_SYNC_QUEUE_URL, queue.getQueueUrl());
        workerEnv.put(EnvironmentVariables.AVATAR_SYNC_INTERVAL, "PT24H");
        workerEnv.put("JAVA_TOOL_OPTIONS", Functions.JAVA_TOOL_OPTIONS);
        worker = function("Worker", WORKER_ID, FunctionCatalog.AVATAR_SYNC_WORKER + ": syncs each queued participant's"
                + " avatar automatically", code, WORKER_HANDLER, Functions.MEMORY_MB, WORKER_TIMEOUT, workerRole,
                workerLogs, workerEnv);
        worker.addEventSource(SqsEventSource.Builder.create(queue)
                .batchSize(BATCH_SIZE)
                .reportBatchItemFailures(true)
                .maxConcurrency(MAX_CONCURRENCY)
                .build());

        // a participant's auto-sync turned on, or its channels or setting changed while on: queued at once
        RuleTargetInput request = RuleTargetInput.fromObject(Map.of(
                "tenant", EventField.fromPath("$.detail.tenant"),
                "participantId", EventField.fromPath("$.detail.data.id"),
                "reason", SyncRequest.CHANGE));
        Map<String, Object> enabled = Map.of("avatarAutoSync", Map.of("enabled", List.of(true)));
        Rule.Builder.create(this, "OnCreate")
                .description("Queues an automatic avatar sync for a participant created with auto-sync on")
                .eventBus(props.bus())
                .eventPattern(EventPattern.builder().source(List.of(ChangeEvent.SOURCE))
                        .detailType(List.of(AutoSyncTrigger.CREATED))
                        .detail(Map.of("data", enabled)).build())
                .targets(List.of(SqsQueue.Builder.create(queue).message(request).build()))
                .build();
        Map<String, Object> changed = new LinkedHashMap<>(enabled);
        changed.put("changedFields", List.copyOf(new java.util.TreeSet<>(AutoSyncTrigger.CHANGED_FIELDS)));
        Rule.Builder.create(this, "OnChange")
                .description("Queues an automatic avatar sync for a participant whose auto-sync or channels changed")
                .eventBus(props.bus())
                .eventPattern(EventPattern.builder().source(List.of(ChangeEvent.SOURCE))
                        .detailType(List.of(AutoSyncTrigger.UPDATED))
                        .detail(Map.of("data", changed)).build())
                .targets(List.of(SqsQueue.Builder.create(queue).message(request).build()))
                .build();
    }

    private LogGroup logs(String id, String functionId) {
        LogGroup logs = LogGroup.Builder.create(this, id).retention(Functions.LOG_RETENTION).build();
        ((CfnLogGroup) logs.getNode().getDefaultChild()).overrideLogicalId(functionId + "Logs");
        return logs;
    }

    private Role role(String id, String functionId, String description, List<PolicyStatement> statements) {
        Role role = Role.Builder.create(this, id)
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(description)
                .inlinePolicies(Map.of("access", PolicyDocument.Builder.create().statements(statements).build()))
                .build();
        ((CfnRole) role.getNode().getDefaultChild()).overrideLogicalId(functionId + "Role");
        return role;
    }

    private Function function(String id, String functionId, String description, Code code, String handler,
                              int memory, Duration timeout, Role role, LogGroup logs, Map<String, String> env) {
        Function function = Function.Builder.create(this, id)
                .description(description)
                .code(code)
                .handler(handler)
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .memorySize(memory)
                .timeout(timeout)
                .tracing(Tracing.ACTIVE)
                .role(role.withoutPolicyUpdates())
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .environment(env)
                .build();
        ((CfnFunction) function.getNode().getDefaultChild()).overrideLogicalId(functionId);
        return function;
    }

    /** How cdk-nag writes a stack's partition, region or account: the literal of a stack with an environment. */
    private static String nagText(String value, String pseudoParameter) {
        return software.amazon.awscdk.Token.isUnresolved(value) ? pseudoParameter : value;
    }

    private static NagPackSuppression xray() {
        return iam5("X-Ray's PutTraceSegments and PutTelemetryRecords have no resource-level permissions: they take"
                + " only *, for the two actions the runtime needs to send the function's trace.", "Resource::*");
    }

    private static NagPackSuppression iam5(String reason, String finding) {
        return NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(reason).appliesTo(List.of(finding)).build();
    }

    private static String logicalIdOf(Stack stack, software.constructs.IConstruct resource) {
        return (String) stack.resolve(stack.getLogicalId((CfnElement) resource.getNode().getDefaultChild()));
    }

    private static PolicyStatement allow(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().sid(sid).effect(Effect.ALLOW).actions(actions).resources(resources)
                .build();
    }

    public Queue queue() {
        return queue;
    }

    public Queue deadLetters() {
        return deadLetters;
    }

    public Function sweep() {
        return sweep;
    }

    public Function worker() {
        return worker;
    }

    public Rule schedule() {
        return schedule;
    }
}
