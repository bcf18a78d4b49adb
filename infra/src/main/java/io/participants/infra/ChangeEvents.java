package io.participants.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.participants.api.FunctionCatalog;
import io.participants.api.config.EnvironmentVariables;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.events.Archive;
import software.amazon.awscdk.services.events.CfnEventBus;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnEventSourceMapping;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.EventSourceMapping;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.CfnQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Change events: the stack's EventBus (with an archive, so consumers can replay), and the publisher function that
 * the table's stream invokes through an event source mapping, so no request path pays for it. A batch that keeps
 * failing is retried a bounded number of times, bisected to isolate a bad record, then its place in the stream goes
 * to an encrypted SQS queue that alarms (Monitoring): the records themselves stay readable in the stream for 24 hours.
 */
public final class ChangeEvents extends Construct {

    /** The publisher's handler: framework-free (functions/api, changes.ChangeEventsHandler). */
    public static final String HANDLER = "io.participants.api.changes.ChangeEventsHandler::handleRequest";
    /** The function's logical id, as {@code sam local invoke} names it. */
    public static final String FUNCTION_ID = Functions.logicalId(FunctionCatalog.CHANGE_EVENTS);
    /** Small: no framework, one HTTP client, a few JSON documents per batch. */
    public static final int MEMORY_MB = 512;
    /**
     * A batch of {@value #BATCH_SIZE} records makes at most {@value #BATCH_SIZE} events, 10 per PutEvents call of at
     * most 5 s (aws.ClientBudgets): 50 s in the worst case; no call starts in the invocation's last 300 ms.
     */
    public static final Duration TIMEOUT = Duration.seconds(60);
    public static final int BATCH_SIZE = 100;
    /** Retries of a failing batch (each bisection counts); then the batch's place goes to the failure queue. */
    public static final int RETRY_ATTEMPTS = 20;
    /**
     * Records older than this go to the failure queue instead of blocking their shard until the stream drops them
     * (24 h): half the stream's retention is left to read them back once the alarm has been answered.
     */
    public static final Duration MAX_RECORD_AGE = Duration.hours(12);
    /** How long consumers can replay past events from the bus's archive. */
    public static final Duration ARCHIVE_RETENTION = Duration.days(30);

    /**
     * @param zip   the publisher's artifact ({@code participants-change-events-lambda.zip}: no Micronaut, no S3)
     * @param table the data table, with its stream of new and old images
     */
    public record Props(Path zip, ITable table) {
    }

    private final EventBus bus;
    private final Function publisher;
    private final Queue failures;
    private final EventSourceMapping mapping;

    public ChangeEvents(Construct scope, String id, Props props) {
        super(scope, id);
        if (!Files.isRegularFile(props.zip())) {
            throw new IllegalArgumentException("The change-events publisher's artifact " + props.zip() + " does not"
                    + " exist: build it with `mvn -B -DskipTests package -pl functions/api -am`, or pass"
                    + " -c changeEventsZip=PATH");
        }
        bus = EventBus.Builder.create(this, "Bus")
                .description("Participants API change events (CloudEvents 1.0 in each event's detail)")
                .build();
        ((CfnEventBus) bus.getNode().getDefaultChild()).overrideLogicalId("ChangeEventBus");
        Archive.Builder.create(this, "Archive")
                .sourceEventBus(bus)
                .description("Every change event, for consumers to replay")
                .eventPattern(EventPattern.builder().source(List.of(io.participants.api.changes.ChangeEvent.SOURCE))
                        .build())
                .retention(ARCHIVE_RETENTION)
                .build();

        failures = Queue.Builder.create(this, "Failures")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        ((CfnQueue) failures.getNode().getDefaultChild()).overrideLogicalId("ChangeEventFailures");
        NagSuppressions.addResourceSuppressions(failures, List.of(NagPackSuppression.builder().id("AwsSolutions-SQS3")
                .reason("This queue is itself the on-failure destination of the change-events stream mapping: it"
                        + " holds where failed batches are in the stream, and an alarm watches it.").build()));

        LogGroup logs = LogGroup.Builder.create(this, "Logs").retention(Functions.LOG_RETENTION).build();
        ((CfnLogGroup) logs.getNode().getDefaultChild()).overrideLogicalId(FUNCTION_ID + "Logs");

        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs the change-events publisher: the table's stream in, the event bus out")
                .inlinePolicies(Map.of("access", PolicyDocument.Builder.create().statements(List.of(
                        allow("Logs", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                                List.of(logs.getLogGroupArn())),
                        allow("Tracing", List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"), List.of("*")),
                        // the code's one call
                        allow("Events", List.of("events:PutEvents"), List.of(bus.getEventBusArn())),
                        // the event source mapping's calls, which Lambda makes with this role
                        allow("Stream", List.of("dynamodb:DescribeStream", "dynamodb:GetRecords",
                                "dynamodb:GetShardIterator"), List.of(props.table().getTableStreamArn())),
                        allow("Streams", List.of("dynamodb:ListStreams"), List.of("*")),
                        allow("Failures", List.of("sqs:SendMessage"), List.of(failures.getQueueArn()))))
                        .build()))
                .build();
        ((CfnRole) role.getNode().getDefaultChild()).overrideLogicalId(FUNCTION_ID + "Role");
        NagSuppressions.addResourceSuppressions(role, List.of(
                iam5("X-Ray's PutTraceSegments and PutTelemetryRecords have no resource-level permissions: they take"
                        + " only *, for the two actions the runtime needs to send the function's trace, and"
                        + " dynamodb:ListStreams, which the event source mapping calls, takes only * too.",
                        "Resource::*")));

        publisher = Function.Builder.create(this, "Function")
                .description(FunctionCatalog.CHANGE_EVENTS + ": the table's stream to the change-events bus")
                .code(Code.fromAsset(props.zip().toString()))
                .handler(HANDLER)
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .memorySize(MEMORY_MB)
                .timeout(TIMEOUT)
                .tracing(Tracing.ACTIVE)
                .role(role.withoutPolicyUpdates())
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .environment(Map.of(EnvironmentVariables.EVENT_BUS_NAME, bus.getEventBusName(),
                        "JAVA_TOOL_OPTIONS", Functions.JAVA_TOOL_OPTIONS))
                .build();
        ((CfnFunction) publisher.getNode().getDefaultChild()).overrideLogicalId(FUNCTION_ID);

        mapping = EventSourceMapping.Builder.create(this, "StreamMapping")
                .target(publisher)
                .eventSourceArn(props.table().getTableStreamArn())
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(BATCH_SIZE)
                .bisectBatchOnError(true)
                .retryAttempts(RETRY_ATTEMPTS)
                .maxRecordAge(MAX_RECORD_AGE)
                .reportBatchItemFailures(true)
                // one batch per shard at a time: an item's events leave in the order it was written
                .parallelizationFactor(1)
                .onFailure(new SqsDlq(failures))
                .build();
        ((CfnEventSourceMapping) mapping.getNode().getDefaultChild()).overrideLogicalId("ChangeEventsStreamMapping");
        // the role is fixed (its one inline policy above): what the mapping would grant is already in it
        mapping.getNode().addDependency(role);
    }

    private static NagPackSuppression iam5(String reason, String finding) {
        return NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(reason).appliesTo(List.of(finding)).build();
    }

    private static PolicyStatement allow(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().sid(sid).effect(Effect.ALLOW).actions(actions).resources(resources)
                .build();
    }

    public EventBus bus() {
        return bus;
    }

    public Function publisher() {
        return publisher;
    }

    /** Where failed batches' places in the stream go. */
    public Queue failures() {
        return failures;
    }

    public EventSourceMapping mapping() {
        return mapping;
    }
}
