package io.participants.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.Operation;
import software.amazon.awscdk.services.dynamodb.SystemErrorsForOperationsMetricOptions;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Alarms and one dashboard, following AWS's recommended CloudWatch alarms for Lambda, HTTP APIs and DynamoDB, all
 * notifying one SNS topic (with an optional email subscription). cdklabs' cdk-monitoring-constructs would write these,
 * but no version of it is served by this project's Maven mirror, so they are aws-cdk-lib's own {@link Alarm}s.
 *
 * <ul>
 *   <li>per function: Errors above 0 for 3 minutes, Throttles above 0 for 5 minutes, Duration p99 above 90% of its
 *   timeout for 15 minutes;</li>
 *   <li>the account: ClaimedAccountConcurrency above 90% of its limit for 10 minutes (context
 *   {@code accountConcurrencyLimit}, Lambda's default 1,000);</li>
 *   <li>the HTTP API's stage: the 5xx rate above 5% and p99 Latency above {@code apiLatencyP99Ms} (default 2,500
 *   ms) for 5 minutes;</li>
 *   <li>the table: read or write throttle events and system errors above 0 for 5 minutes, and the p99 latency of
 *   its reads and writes above 100 ms for 15 minutes;</li>
 *   <li>the change events ({@link #watchChangeEvents}): the publisher's errors, throttles and duration, any message
 *   in the failure queue, and the stream's iterator age above a minute for 5 minutes.</li>
 * </ul>
 */
public final class Monitoring extends Construct {

    /**
     * @param functions      every deployable's function
     * @param timeouts       every deployable's timeout
     * @param stage          the HTTP API's stage
     * @param table          the data table
     * @param alarmEmail     an address subscribed to the alarm topic, or null
     * @param concurrencyLimit the account's Lambda concurrency limit
     * @param apiLatencyP99Ms the HTTP API's p99 latency that alarms
     */
    public record Props(Map<String, Function> functions, Map<String, Duration> timeouts, HttpStage stage,
                        ITable table, String alarmEmail, int concurrencyLimit, int apiLatencyP99Ms) {
    }

    private static final Duration MINUTE = Duration.minutes(1);

    private final Topic topic;
    private final List<Alarm> alarms = new ArrayList<>();
    private final Dashboard dashboard;

    public Monitoring(Construct scope, String id, Props props) {
        super(scope, id);
        // CloudWatch publishes to an encrypted topic only with a customer managed key it may use
        Key key = Key.Builder.create(this, "AlarmTopicKey")
                .description("Encrypts the participants alarm topic")
                .enableKeyRotation(true)
                .build();
        key.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
        topic = Topic.Builder.create(this, "AlarmTopic")
                .displayName("Participants API alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        if (props.alarmEmail() != null) {
            topic.addSubscription(new EmailSubscription(props.alarmEmail()));
        }

        List<IMetric> errors = new ArrayList<>();
        List<IMetric> throttles = new ArrayList<>();
        List<IMetric> durations = new ArrayList<>();
        props.functions().forEach((deployable, function) -> {
            String name = Functions.logicalId(deployable);
            Metric errorCount = function.metricErrors(sum());
            Metric throttleCount = function.metricThrottles(sum());
            Metric duration = function.metricDuration(MetricOptions.builder().statistic("p99").period(MINUTE).build());
            alarm(name + "Errors", deployable + " failed invocations (not problem answers: the function crashed)",
                    errorCount, 0, 3);
            alarm(name + "Throttles", deployable + " invocations throttled", throttleCount, 0, 5);
            alarm(name + "Duration", deployable + " p99 duration near its timeout", duration,
                    props.timeouts().get(deployable).toMilliseconds().doubleValue() * 0.9, 15);
            errors.add(errorCount);
            throttles.add(throttleCount);
            durations.add(duration);
        });
        Metric claimed = Metric.Builder.create().namespace("AWS/Lambda").metricName("ClaimedAccountConcurrency")
                .statistic("Maximum").period(MINUTE).build();
        alarm("ClaimedAccountConcurrency", "the account's claimed Lambda concurrency near its limit", claimed,
                props.concurrencyLimit() * 0.9, 10);

        Metric serverErrorRate = props.stage().metricServerError(MetricOptions.builder()
                .statistic("Average").period(MINUTE).build());
        Metric latency = props.stage().metricLatency(MetricOptions.builder().statistic("p99").period(MINUTE).build());
        alarm("Api5xxRate", "more than 5% of the API's answers are 5xx", serverErrorRate, 0.05, 5);
        alarm("ApiLatency", "the API's p99 latency is high", latency, props.apiLatencyP99Ms(), 5);

        Metric readThrottles = props.table().metric("ReadThrottleEvents", sum());
        Metric writeThrottles = props.table().metric("WriteThrottleEvents", sum());
        // the operations the functions call (an alarm's math expression takes at most 10 metrics)
        IMetric systemErrors = props.table().metricSystemErrorsForOperations(
                SystemErrorsForOperationsMetricOptions.builder().period(MINUTE).operations(List.of(
                        Operation.GET_ITEM, Operation.BATCH_GET_ITEM, Operation.QUERY, Operation.PUT_ITEM,
                        Operation.UPDATE_ITEM, Operation.DELETE_ITEM, Operation.TRANSACT_WRITE_ITEMS)).build());
        alarm("TableReadThrottles", "the table throttled reads", readThrottles, 0, 5);
        alarm("TableWriteThrottles", "the table throttled writes", writeThrottles, 0, 5);
        alarm("TableSystemErrors", "the table answered requests with system errors", systemErrors, 0, 5);
        List<IMetric> tableLatencies = new ArrayList<>();
        for (String operation : List.of("GetItem", "Query", "PutItem", "UpdateItem", "TransactWriteItems")) {
            Metric operationLatency = props.table().metricSuccessfulRequestLatency(MetricOptions.builder()
                    .statistic("p99").period(MINUTE).dimensionsMap(Map.of("Operation", operation)).build());
            alarm("Table" + operation + "Latency", "the table's p99 " + operation + " latency is high",
                    operationLatency, 100, 15);
            tableLatencies.add(operationLatency);
        }

        dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName("participants-api")
                .widgets(List.of(
                        List.<IWidget>of(graph("API 5xx rate", List.of(serverErrorRate)),
                                graph("API p99 latency (ms)", List.of(latency)),
                                graph("Claimed account concurrency", List.of(claimed))),
                        List.<IWidget>of(graph("Function errors", errors), graph("Function throttles", throttles),
                                graph("Function p99 duration (ms)", durations)),
                        List.<IWidget>of(graph("Table throttles", List.of(readThrottles, writeThrottles)),
                                graph("Table system errors", List.of(systemErrors)),
                                graph("Table p99 latency (ms)", tableLatencies))))
                .build();
    }

    /**
     * The change-events publisher: its errors, throttles and duration as every function's, any message in the failure
     * queue (a batch whose events were given up on: read its records back from the stream within 24 hours), and the
     * stream's iterator age above {@value #ITERATOR_AGE_ALARM_MS} ms for 5 minutes (events falling behind the writes).
     */
    public void watchChangeEvents(Function publisher, IQueue failures) {
        String name = Functions.logicalId(io.participants.api.FunctionCatalog.CHANGE_EVENTS);
        Metric errorCount = publisher.metricErrors(sum());
        Metric throttleCount = publisher.metricThrottles(sum());
        Metric duration = publisher.metricDuration(MetricOptions.builder().statistic("p99").period(MINUTE).build());
        alarm(name + "Errors", "the change-events publisher failed invocations", errorCount, 0, 3);
        alarm(name + "Throttles", "the change-events publisher was throttled", throttleCount, 0, 5);
        alarm(name + "Duration", "the change-events publisher's p99 duration near its timeout", duration,
                ChangeEvents.TIMEOUT.toMilliseconds().doubleValue() * 0.9, 15);
        Metric failed = failures.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                .statistic("Maximum").period(MINUTE).build());
        alarm("ChangeEventFailures", "change events were given up on: their stream positions are in the failure"
                + " queue", failed, 0, 1);
        Metric iteratorAge = Metric.Builder.create().namespace("AWS/Lambda").metricName("IteratorAge")
                .dimensionsMap(Map.of("FunctionName", publisher.getFunctionName()))
                .statistic("Maximum").period(MINUTE).build();
        alarm("ChangeEventsIteratorAge", "change events lag behind the table's writes", iteratorAge,
                ITERATOR_AGE_ALARM_MS, 5);
        dashboard.addWidgets(graph("Change events: publisher errors", List.of(errorCount)),
                graph("Change events: stream iterator age (ms)", List.of(iteratorAge)),
                graph("Change events: failed batches", List.of(failed)));
    }

    /**
     * Auto-sync (AvatarRefresh): the sweep's and the worker's errors, throttles and duration as every function's, and
     * any message in the dead-letter queue (a sync that failed every receive: see docs/avatars.md to redrive it).
     */
    public void watchAvatarRefresh(AvatarRefresh refresh) {
        List<IMetric> errors = new ArrayList<>();
        Map<Function, String> functions = new java.util.LinkedHashMap<>();
        functions.put(refresh.sweep(), io.participants.api.FunctionCatalog.AVATAR_SYNC_SWEEP);
        functions.put(refresh.worker(), io.participants.api.FunctionCatalog.AVATAR_SYNC_WORKER);
        functions.forEach((function, deployable) -> {
            String name = Functions.logicalId(deployable);
            Metric errorCount = function.metricErrors(sum());
            alarm(name + "Errors", deployable + " failed invocations", errorCount, 0, 3);
            alarm(name + "Throttles", deployable + " invocations throttled", function.metricThrottles(sum()), 0, 5);
            alarm(name + "Duration", deployable + " p99 duration near its timeout", function.metricDuration(
                    MetricOptions.builder().statistic("p99").period(MINUTE).build()),
                    function.getTimeout().toMilliseconds().doubleValue() * 0.9, 15);
            errors.add(errorCount);
        });
        Metric deadLetters = refresh.deadLetters().metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                .statistic("Maximum").period(MINUTE).build());
        alarm("AvatarSyncDeadLetters", "automatic avatar syncs failed every receive: they are in the dead-letter"
                + " queue", deadLetters, 0, 1);
        Metric oldest = refresh.queue().metricApproximateAgeOfOldestMessage(MetricOptions.builder()
                .statistic("Maximum").period(MINUTE).build());
        dashboard.addWidgets(graph("Auto-sync: errors", errors), graph("Auto-sync: dead letters",
                List.of(deadLetters)), graph("Auto-sync: oldest queued (s)", List.of(oldest)));
    }

    /** A minute behind: batches are retrying, or the publisher cannot keep up. */
    public static final int ITERATOR_AGE_ALARM_MS = 60_000;

    private static MetricOptions sum() {
        return MetricOptions.builder().statistic("Sum").period(MINUTE).build();
    }

    /** An alarm above {@code threshold} in every one of {@code minutes} one-minute periods, notifying the topic. */
    private void alarm(String id, String description, IMetric metric, double threshold, int minutes) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription("Participants API: " + description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(minutes)
                .datapointsToAlarm(minutes)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
        alarms.add(alarm);
    }

    private static GraphWidget graph(String title, List<? extends IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).width(8).left(List.copyOf(metrics)).build();
    }

    public Topic topic() {
        return topic;
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    public Dashboard dashboard() {
        return dashboard;
    }
}
