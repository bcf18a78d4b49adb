package io.participants.infra;

import io.participants.api.FunctionCatalog;
import io.participants.api.config.EnvironmentVariables;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The change events as synthesized: the table's stream, the bus and its archive, the publisher and its mapping. */
class ChangeEventsTest {

    private final Synth synth = Synth.get();

    @Test
    void theTableStreamsNewAndOldImages() {
        assertThat(Synth.props(synth.resource(synth.onlyLogicalId("AWS::DynamoDB::Table"))))
                .containsEntry("StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"));
    }

    @Test
    void theBusHasAnArchiveOfTheServicesEventsAndIsAnOutput() {
        String bus = synth.onlyLogicalId("AWS::Events::EventBus");
        Map<String, Object> archive = Synth.props(synth.resource(synth.onlyLogicalId("AWS::Events::Archive")));
        assertThat(Synth.text(archive.get("SourceArn"))).isEqualTo("${" + bus + ".Arn}");
        assertThat(archive).containsEntry("RetentionDays", 30)
                .containsEntry("EventPattern", Map.of("source", List.of("participants-api")));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> outputs = (Map<String, Map<String, Object>>) synth.json.get("Outputs");
        assertThat(Synth.text(outputs.get("ChangeEventBusName").get("Value"))).isEqualTo("${" + bus + "}");
        assertThat(Synth.text(outputs.get("ChangeEventBusArn").get("Value"))).isEqualTo("${" + bus + ".Arn}");
    }

    @Test
    void thePublisherIsSmallTracedAndNamesItsBus() {
        Map<String, Object> fn = Synth.props(synth.resource(ChangeEvents.FUNCTION_ID));
        assertThat(ChangeEvents.FUNCTION_ID).isEqualTo(Functions.logicalId(FunctionCatalog.CHANGE_EVENTS))
                .isEqualTo("PublishChangeEventsFunction");
        assertThat(fn).containsEntry("Handler", "io.participants.api.changes.ChangeEventsHandler::handleRequest")
                .containsEntry("MemorySize", 512).containsEntry("Timeout", 60)
                .containsEntry("TracingConfig", Map.of("Mode", "Active"))
                .containsEntry("LoggingConfig", Map.of("LogFormat", "JSON",
                        "LogGroup", Map.of("Ref", ChangeEvents.FUNCTION_ID + "Logs")))
                .doesNotContainKey("SnapStart");
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) fn.get("Environment"))
                .get("Variables");
        assertThat(Synth.text(variables.get(EnvironmentVariables.EVENT_BUS_NAME)))
                .isEqualTo("${" + synth.onlyLogicalId("AWS::Events::EventBus") + "}");
        assertThat(Synth.props(synth.resource(ChangeEvents.FUNCTION_ID + "Logs"))).containsEntry("RetentionInDays", 30);
    }

    @Test
    void thePublisherRunsItsOwnZipNotTheApis() {
        Object publisherCode = Synth.props(synth.resource(ChangeEvents.FUNCTION_ID)).get("Code");
        Object apiCode = Synth.props(synth.resource(Functions.logicalId("get-participant"))).get("Code");
        assertThat(publisherCode).isNotNull().isNotEqualTo(apiCode);
    }

    @Test
    void theStreamMappingRetriesABoundedNumberOfTimesBisectsAndKeepsFailuresInAnEncryptedQueue() {
        Map<String, Object> mapping = Synth.props(synth.resource("ChangeEventsStreamMapping"));
        String table = synth.onlyLogicalId("AWS::DynamoDB::Table");
        String queue = "ChangeEventFailures";
        assertThat(Synth.text(mapping.get("EventSourceArn"))).isEqualTo("${" + table + ".StreamArn}");
        assertThat(Synth.text(mapping.get("FunctionName"))).isEqualTo("${" + ChangeEvents.FUNCTION_ID + "}");
        assertThat(mapping).containsEntry("StartingPosition", "TRIM_HORIZON")
                .containsEntry("BatchSize", 100)
                .containsEntry("BisectBatchOnFunctionError", true)
                .containsEntry("MaximumRetryAttempts", 20)
                .containsEntry("MaximumRecordAgeInSeconds", 12 * 3600)
                .containsEntry("ParallelizationFactor", 1)
                .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
        @SuppressWarnings("unchecked")
        Map<String, Object> onFailure = (Map<String, Object>) ((Map<String, Object>) mapping.get("DestinationConfig"))
                .get("OnFailure");
        assertThat(Synth.text(onFailure.get("Destination"))).isEqualTo("${" + queue + ".Arn}");
        assertThat(Synth.props(synth.resource(queue))).containsEntry("SqsManagedSseEnabled", true);
        String policy = synth.resources("AWS::SQS::QueuePolicy").keySet().stream()
                .filter(id -> id.startsWith("ChangeEventsFailuresPolicy")).findFirst().orElseThrow();
        assertThat(Synth.props(synth.resource(policy)).toString()).contains("aws:SecureTransport");
    }
}
