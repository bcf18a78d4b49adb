package io.participants.infra;

import io.participants.api.FunctionCatalog;
import io.participants.api.autosync.AutoSyncTrigger;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auto-sync's resources in the synthesized template: the queue and its dead-letter queue (redrive after
 * {@value AvatarRefresh#MAX_RECEIVE_COUNT} receives) with an alarm, the sweep's schedule, the due index, the worker's
 * event source mapping reporting batch item failures, and the two rules that queue a sync on a setting's change.
 */
class AvatarRefreshTest {

    private final Synth synth = Synth.get();

    @Test
    void theQueueRedrivesToItsDeadLetterQueueWhichAlarms() {
        Map<String, Object> queue = Synth.props(synth.resource("AvatarSyncQueue"));
        @SuppressWarnings("unchecked")
        Map<String, Object> redrive = (Map<String, Object>) queue.get("RedrivePolicy");
        assertThat(redrive).containsEntry("maxReceiveCount", AvatarRefresh.MAX_RECEIVE_COUNT);
        assertThat(Synth.text(redrive.get("deadLetterTargetArn"))).isEqualTo("${AvatarSyncDeadLetters.Arn}");
        assertThat(queue).containsEntry("VisibilityTimeout", 360).containsEntry("SqsManagedSseEnabled", true);
        assertThat(Synth.props(synth.resource("AvatarSyncDeadLetters"))).containsEntry("SqsManagedSseEnabled", true);

        List<Map<String, Object>> alarms = synth.resources("AWS::CloudWatch::Alarm").values().stream()
                .map(Synth::props)
                .filter(p -> "ApproximateNumberOfMessagesVisible".equals(p.get("MetricName")))
                .filter(p -> p.get("Dimensions").toString().contains("AvatarSyncDeadLetters"))
                .toList();
        assertThat(alarms).singleElement().satisfies(alarm -> assertThat(alarm).containsEntry("Threshold", 0));
    }

    @Test
    void theWorkerReadsTheQueueReportingBatchItemFailuresAndTheSweepRunsOnASchedule() {
        Map<String, Object> mapping = synth.resources("AWS::Lambda::EventSourceMapping").values().stream()
                .map(Synth::props).filter(p -> Synth.text(p.get("EventSourceArn")).equals("${AvatarSyncQueue.Arn}"))
                .findFirst().orElseThrow();
        assertThat(Synth.text(mapping.get("FunctionName"))).isEqualTo("${" + AvatarRefresh.WORKER_ID + "}");
        assertThat(mapping).containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
                .containsEntry("BatchSize", AvatarRefresh.BATCH_SIZE);
        assertThat(Synth.props(synth.resource(AvatarRefresh.WORKER_ID)))
                .containsEntry("Handler", AvatarRefresh.WORKER_HANDLER).containsEntry("Timeout", 60);
        assertThat(Synth.props(synth.resource(AvatarRefresh.SWEEP_ID)))
                .containsEntry("Handler", AvatarRefresh.SWEEP_HANDLER);

        assertThat(synth.resources("AWS::Events::Rule").values().stream().map(Synth::props)
                .filter(p -> "rate(5 minutes)".equals(p.get("ScheduleExpression"))).toList()).singleElement()
                .satisfies(rule -> assertThat(((List<?>) rule.get("Targets")).get(0).toString())
                        .contains(AvatarRefresh.SWEEP_ID));
    }

    @Test
    void participantEventsOfTheBusQueueASyncWhenAutoSyncOrChannelsChange() {
        List<Map<String, Object>> rules = synth.resources("AWS::Events::Rule").values().stream().map(Synth::props)
                .filter(p -> p.containsKey("EventBusName")).toList();
        assertThat(rules).hasSize(2);
        assertThat(rules.stream().map(r -> r.get("EventPattern").toString()))
                .anySatisfy(p -> assertThat(p).contains(AutoSyncTrigger.CREATED).contains("enabled=[true]"))
                .anySatisfy(p -> assertThat(p).contains(AutoSyncTrigger.UPDATED).contains("channels")
                        .contains("avatarAutoSync"));
        for (Map<String, Object> rule : rules) {
            String target = ((List<?>) rule.get("Targets")).get(0).toString();
            assertThat(target).contains("AvatarSyncQueue").contains("$.detail.data.id")
                    .contains("$.detail.tenant");
        }
    }

    @Test
    void theTableHasTheDueIndex() {
        assertThat(Synth.props(synth.resource(synth.onlyLogicalId("AWS::DynamoDB::Table"))).get(
                "GlobalSecondaryIndexes").toString()).contains("GSI3PK").contains("GSI3SK");
        assertThat(FunctionCatalog.allDeployables()).endsWith(FunctionCatalog.AVATAR_SYNC_SWEEP,
                FunctionCatalog.AVATAR_SYNC_WORKER);
    }
}
