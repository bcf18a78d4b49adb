package io.participants.infra;

import io.participants.api.FunctionCatalog;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The alarms, the dashboard and the tracing, as synthesized. */
class MonitoringTest {

    private final Synth synth = Synth.get();

    @Test
    void everyFunctionIsTracedByTheRuntimeAndMaySendItsTrace() {
        synth.resources("AWS::Lambda::Function").forEach((id, function) ->
                assertThat(Synth.props(function)).as(id).containsEntry("TracingConfig", Map.of("Mode", "Active")));
        assertThat(synth.resources("AWS::IAM::Policy")).as("no policy besides each role's own").isEmpty();
    }

    @Test
    void everyFunctionHasItsErrorThrottleAndDurationAlarms() {
        for (String deployable : FunctionCatalog.allDeployables()) {
            String function = Functions.logicalId(deployable);
            Map<String, Object> errors = alarmOn("Errors", function);
            assertThat(errors).containsEntry("Threshold", 0).containsEntry("EvaluationPeriods", 3)
                    .containsEntry("Statistic", "Sum").containsEntry("Period", 60);
            assertThat(alarmOn("Throttles", function)).containsEntry("Threshold", 0)
                    .containsEntry("EvaluationPeriods", 5);
            double timeoutMs = (deployable.equals(FunctionCatalog.CHANGE_EVENTS) ? ChangeEvents.TIMEOUT
                    : deployable.equals(FunctionCatalog.AVATAR_SYNC_SWEEP) ? AvatarRefresh.SWEEP_TIMEOUT
                    : deployable.equals(FunctionCatalog.AVATAR_SYNC_WORKER) ? AvatarRefresh.WORKER_TIMEOUT
                    : Functions.timeoutOf(deployable)).toMilliseconds().doubleValue();
            assertThat(((Number) alarmOn("Duration", function).get("Threshold")).doubleValue())
                    .as(deployable).isEqualTo(timeoutMs * 0.9);
            assertThat(alarmOn("Duration", function)).containsEntry("ExtendedStatistic", "p99")
                    .containsEntry("EvaluationPeriods", 15);
        }
    }

    @Test
    void theAccountTheApiAndTheTableHaveTheirAlarms() {
        assertThat(alarm("ClaimedAccountConcurrency")).containsEntry("Namespace", "AWS/Lambda")
                .containsEntry("Threshold", 900).containsEntry("Statistic", "Maximum");
        Map<String, Object> serverErrors = alarm("5xx");
        assertThat(serverErrors).containsEntry("Namespace", "AWS/ApiGateway").containsEntry("Statistic", "Average")
                .containsEntry("Threshold", 0.05);
        assertThat(dimensions(serverErrors)).containsOnlyKeys("ApiId", "Stage");
        assertThat(alarm("Latency")).containsEntry("ExtendedStatistic", "p99").containsEntry("Threshold", 2500);
        assertThat(alarm("ReadThrottleEvents")).containsEntry("Namespace", "AWS/DynamoDB");
        assertThat(alarm("WriteThrottleEvents")).containsEntry("Namespace", "AWS/DynamoDB");
        assertThat(alarmIds()).anyMatch(id -> id.contains("TableSystemErrors"))
                .anyMatch(id -> id.contains("TableGetItemLatency"));
    }

    @Test
    void everyAlarmNotifiesTheEncryptedAlarmTopicOnAlarmAndRecovery() {
        String topic = synth.onlyLogicalId("AWS::SNS::Topic");
        assertThat(Synth.props(synth.resource(topic))).containsKey("KmsMasterKeyId");
        Map<String, Map<String, Object>> alarms = synth.resources("AWS::CloudWatch::Alarm");
        // 3 per deployable (the change-events publisher too), the account, the API's two, the table's 3 + 5
        // latencies, the change events' failure queue and iterator age, and auto-sync's dead-letter queue
        assertThat(alarms).hasSize(3 * FunctionCatalog.allDeployables().size() + 1 + 2 + 8 + 2 + 1);
        alarms.forEach((id, alarm) -> {
            assertThat(Synth.texts(Synth.props(alarm).get("AlarmActions"))).as(id).containsExactly("${" + topic + "}");
            assertThat(Synth.texts(Synth.props(alarm).get("OKActions"))).as(id).containsExactly("${" + topic + "}");
        });
        synth.template.resourceCountIs("AWS::SNS::Subscription", 0);
    }

    @Test
    void theChangeEventsAlarmOnAnyFailedBatchAndOnAStreamFallingBehind() {
        String queue = "ChangeEventFailures";
        Map<String, Object> failed = synth.resources("AWS::CloudWatch::Alarm").values().stream().map(Synth::props)
                .filter(p -> "ApproximateNumberOfMessagesVisible".equals(p.get("MetricName")))
                .filter(p -> p.get("Dimensions").toString().contains(queue)).findFirst().orElseThrow();
        assertThat(failed).containsEntry("Namespace", "AWS/SQS").containsEntry("Threshold", 0)
                .containsEntry("EvaluationPeriods", 1).containsEntry("Statistic", "Maximum");
        assertThat(Synth.text(dimensions(failed).get("QueueName"))).isEqualTo("${" + queue + ".QueueName}");
        Map<String, Object> iteratorAge = alarm("IteratorAge");
        assertThat(iteratorAge).containsEntry("Namespace", "AWS/Lambda").containsEntry("Threshold", 60000)
                .containsEntry("Statistic", "Maximum").containsEntry("EvaluationPeriods", 5);
        assertThat(Synth.text(dimensions(iteratorAge).get("FunctionName"))).isEqualTo("${" + ChangeEvents.FUNCTION_ID
                + "}");
        String body = Synth.text(Synth.props(synth.resource(synth.onlyLogicalId("AWS::CloudWatch::Dashboard")))
                .get("DashboardBody"));
        assertThat(body).contains("Change events: stream iterator age", "Change events: failed batches");
    }

    @Test
    void anAlarmEmailFromContextSubscribesToTheTopic() {
        Synth withEmail = Synth.with(Map.of("alarmEmail", "ops@example.com"));

        withEmail.template.hasResourceProperties("AWS::SNS::Subscription",
                Map.of("Protocol", "email", "Endpoint", "ops@example.com"));
    }

    @Test
    void theDashboardShowsTheApiTheFunctionsAndTheTable() {
        String body = Synth.text(Synth.props(synth.resource(synth.onlyLogicalId("AWS::CloudWatch::Dashboard")))
                .get("DashboardBody"));
        assertThat(body).contains("API 5xx rate", "Function errors", "Function p99 duration", "Table throttles",
                "ClaimedAccountConcurrency", "AWS/ApiGateway", "AWS/DynamoDB");
        synth.template.hasResourceProperties("AWS::CloudWatch::Dashboard",
                Map.of("DashboardName", Match.exact("participants-api")));
    }

    private Map<String, Object> alarm(String metricName) {
        List<Map<String, Object>> found = synth.resources("AWS::CloudWatch::Alarm").values().stream()
                .map(Synth::props).filter(p -> metricName.equals(p.get("MetricName"))).toList();
        assertThat(found).as(metricName).hasSize(1);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> alarmOn(String metricName, String function) {
        List<Map<String, Object>> found = synth.resources("AWS::CloudWatch::Alarm").values().stream()
                .map(Synth::props)
                .filter(p -> metricName.equals(p.get("MetricName")))
                .filter(p -> ((List<Map<String, Object>>) p.get("Dimensions")).stream()
                        .anyMatch(d -> "FunctionName".equals(d.get("Name"))
                                && Synth.text(d.get("Value")).equals("${" + function + "}")))
                .toList();
        assertThat(found).as(metricName + " of " + function).hasSize(1);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dimensions(Map<String, Object> alarm) {
        return ((List<Map<String, Object>>) alarm.get("Dimensions")).stream()
                .collect(Collectors.toMap(d -> (String) d.get("Name"), d -> d.get("Value")));
    }

    private List<String> alarmIds() {
        return List.copyOf(synth.resources("AWS::CloudWatch::Alarm").keySet());
    }
}
