package io.participants.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deploy pipeline, synthesized offline from test context: its source, synth, stages, approval and smoke tests. */
class PipelineStackTest {

    static final String CONNECTION = "arn:aws:codeconnections:eu-west-1:111111111111:connection/0a1b2c3d";

    private static PipelineStack pipeline;
    private static Template template;
    private static Map<String, Object> json;

    @BeforeAll
    static void synth() {
        Map<String, Object> context = new HashMap<>(Synth.context(Map.of()));
        context.put("pipelineRepository", "acme/participants");
        context.put("pipelineConnectionArn", CONNECTION);
        context.put("pipelineAccount", "111111111111");
        context.put("pipelineRegion", "eu-west-1");
        context.put("pipelineStages", List.of(
                Map.of("name", "staging", "account", "222222222222", "region", "eu-west-1"),
                Map.of("name", "prod", "account", "333333333333", "region", "eu-west-1", "approval", true)));
        App app = App.Builder.create().context(context).build();
        pipeline = new PipelineStack(app, PipelineStack.STACK_NAME, PipelineSettings.fromContext(app.getNode())
                .orElseThrow());
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
        pipeline.buildPipeline();
        template = Template.fromStack(pipeline);
        json = template.toJSON();
    }

    @Test
    void theSourceIsTheBranchThroughTheCodeStarConnection() {
        template.hasResourceProperties("AWS::CodePipeline::Pipeline", Map.of("PipelineType", "V2"));
        Map<String, Object> source = action("Source");
        assertThat(json(source.get("ActionTypeId"))).contains("CodeStarSourceConnection");
        assertThat(json(source.get("Configuration"))).contains(CONNECTION).contains("acme/participants")
                .contains("\"BranchName\":\"main\"");
    }

    @Test
    void theSynthRunsTheReadmesCommandsThenCdkSynthWithTheSameContext() {
        String buildSpecs = projects().values().stream().map(PipelineStackTest::json).collect(Collectors.joining());
        assertThat(buildSpecs).contains("npm ci --no-audit --no-fund").contains("mvn -B verify")
                .contains("npx cdk synth --no-notices")
                .contains("-c pipelineRepository='acme/participants'")
                .contains("-c jwtIssuer='" + Synth.ISSUER + "'")
                .contains("corretto17");
    }

    @Test
    void stagesDeployInOrderWithTheApprovalBeforeProdAndTheSelfMutationFirst() {
        List<String> stageNames = stages().stream().map(s -> (String) s.get("Name")).toList();
        assertThat(stageNames).containsSubsequence("Source", "Build", "UpdatePipeline", "staging", "prod");
        List<String> prodActions = actions("prod").stream().map(a -> (String) a.get("Name")).toList();
        assertThat(prodActions).anyMatch(name -> name.startsWith("Approve-prod"));
        Map<String, Object> approval = actions("prod").stream()
                .filter(a -> ((String) a.get("Name")).startsWith("Approve-prod")).findFirst().orElseThrow();
        assertThat(json(approval.get("ActionTypeId"))).contains("Manual");
        assertThat(actions("staging")).noneMatch(a -> json(a.get("ActionTypeId")).contains("Manual"));
    }

    @Test
    void eachStageIsSmokeTestedWithItsApiUrlOutput() {
        for (String stage : List.of("staging", "prod")) {
            Map<String, Object> smoke = actions(stage).stream()
                    .filter(a -> ((String) a.get("Name")).startsWith("Smoke-" + stage)).findFirst().orElseThrow();
            // envFromCfnOutputs: the deploy action's output variable ApiUrl, as API_URL
            assertThat(json(smoke.get("Configuration"))).contains("API_URL").contains("ApiUrl");
        }
        String buildSpecs = projects().values().stream().map(PipelineStackTest::json).collect(Collectors.joining());
        assertThat(buildSpecs).contains("= 401").contains("= 400").contains("oauth-state-invalid");
    }

    @Test
    void theStagesAreTheServicesOwnStackInTheirAccountsAndCdkNagIsCleanEverywhere() {
        assertThat(pipeline.stages()).hasSize(2);
        assertThat(pipeline.stages().get(0).getAccount()).isEqualTo("222222222222");
        assertThat(pipeline.stages().get(1).getAccount()).isEqualTo("333333333333");
        for (ParticipantsStage stage : pipeline.stages()) {
            Template stack = Template.fromStack(stage.stack());
            stack.resourceCountIs("AWS::Lambda::Function", synthFunctions());
            assertThat(nagErrors(stage.stack())).as("cdk-nag in stage " + stage.getStageName()).isEmpty();
        }
        assertThat(nagErrors(pipeline)).as("cdk-nag on the pipeline").isEmpty();
    }

    @Test
    void withoutARepositoryThereIsNoPipelineAndBadSettingsAreRefused() {
        App plain = App.Builder.create().context(Synth.context(Map.of())).build();
        assertThat(PipelineSettings.fromContext(plain.getNode())).isEmpty();
        assertThatThrownBy(() -> PipelineSettings.stages("[{\"name\":\"prod\",\"account\":\"12\",\"region\":\"eu-west-1\"}]"))
                .hasMessageContaining("12-digit");
        assertThat(PipelineSettings.stages("[{\"name\":\"prod\",\"account\":\"333333333333\",\"region\":\"eu-west-1\","
                + "\"approval\":true}]")).singleElement().satisfies(s -> assertThat(s.approval()).isTrue());
    }

    @SuppressWarnings("deprecation") // findError answers cxapi.SynthesisMessage, deprecated without a replacement here
    private static List<String> nagErrors(software.amazon.awscdk.Stack stack) {
        return Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream()
                .map(m -> m.getId() + ": " + m.getEntry().getData()).toList();
    }

    private static int synthFunctions() {
        return io.participants.api.FunctionCatalog.allDeployables().size();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> stages() {
        Map<String, Object> resource = template.findResources("AWS::CodePipeline::Pipeline").values().iterator().next();
        return (List<Map<String, Object>>) ((Map<String, Object>) resource.get("Properties")).get("Stages");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> actions(String stage) {
        return stages().stream().filter(s -> stage.equals(s.get("Name"))).findFirst()
                .map(s -> (List<Map<String, Object>>) s.get("Actions")).orElseThrow();
    }

    private static Map<String, Object> action(String stage) {
        return actions(stage).get(0);
    }

    private static Map<String, Map<String, Object>> projects() {
        return template.findResources("AWS::CodeBuild::Project");
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
