package io.participants.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.StageProps;
import software.amazon.awscdk.pipelines.AddStageOpts;
import software.amazon.awscdk.pipelines.CodeBuildOptions;
import software.amazon.awscdk.pipelines.CodePipeline;
import software.amazon.awscdk.pipelines.CodePipelineSource;
import software.amazon.awscdk.pipelines.ConnectionSourceOptions;
import software.amazon.awscdk.pipelines.ManualApprovalStep;
import software.amazon.awscdk.pipelines.ShellStep;
import software.amazon.awscdk.pipelines.Step;
import software.amazon.awscdk.services.codebuild.BuildEnvironment;
import software.amazon.awscdk.services.codepipeline.PipelineType;
import software.amazon.awscdk.services.codebuild.BuildSpec;
import software.amazon.awscdk.services.codebuild.ComputeType;
import software.amazon.awscdk.services.codebuild.LinuxBuildImage;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deploy pipeline, with CDK Pipelines: the repository's branch through a CodeStar connection; a synth step that
 * runs the README's install and test commands, then {@code npx cdk synth}; then each stage of
 * {@link PipelineSettings#stages()} in order, the ones marked so behind a manual approval, each followed by a smoke
 * test against the API it deployed. The pipeline updates itself (self-mutation) before it deploys.
 */
public final class PipelineStack extends Stack {

    /** The pipeline stack's name: {@code cdk deploy ParticipantsPipeline} creates it, and then it deploys itself. */
    public static final String STACK_NAME = "ParticipantsPipeline";

    /**
     * After a stage is deployed: a route without a token is refused by the JWT authorizer (401), and the OAuth
     * callback with a forged state is the function's own 400 problem, so the API, the authorizer and a function all
     * answer.
     */
    static final List<String> SMOKE_COMMANDS = List.of(
            "code=$(curl -s -o /dev/null -w '%{http_code}' \"$API_URL/v1/tenants/smoke/participants\")"
                    + " && echo \"no token: $code\" && test \"$code\" = 401",
            "code=$(curl -s -o callback.json -w '%{http_code}' \"$API_URL/v1/oauth/slack/callback?code=smoke&state=v1.forged.forged\")"
                    + " && echo \"forged state: $code\" && test \"$code\" = 400"
                    + " && grep -q 'oauth-state-invalid' callback.json");

    private final CodePipeline pipeline;
    private final List<ParticipantsStage> stages = new ArrayList<>();

    public PipelineStack(Construct scope, String id, PipelineSettings settings) {
        super(scope, id, StackProps.builder()
                .env(Environment.builder().account(settings.account()).region(settings.region()).build())
                .description("Participants API: the pipeline that tests and deploys it")
                .build());
        CodePipelineSource source = CodePipelineSource.connection(settings.repository(), settings.branch(),
                ConnectionSourceOptions.builder().connectionArn(settings.connectionArn()).build());
        ShellStep synth = ShellStep.Builder.create("Synth")
                .input(source)
                // the README's two commands for a fresh clone, then the cloud assembly of this same app
                .installCommands(List.of("npm ci --no-audit --no-fund"))
                .commands(List.of("mvn -B verify", "npx cdk synth --no-notices " + synthContext(scope)))
                .primaryOutputDirectory("cdk.out")
                .build();
        pipeline = CodePipeline.Builder.create(this, "Pipeline")
                .pipelineName("participants")
                // V2: AWS's current type, billed per action minute rather than per pipeline
                .pipelineType(PipelineType.V2)
                .synth(synth)
                .selfMutation(true)
                // stages in other accounts read the artifacts with a key they are granted
                .crossAccountKeys(true)
                .enableKeyRotation(true)
                .codeBuildDefaults(CodeBuildOptions.builder()
                        .buildEnvironment(BuildEnvironment.builder()
                                .buildImage(LinuxBuildImage.STANDARD_7_0)
                                .computeType(ComputeType.MEDIUM)
                                .build())
                        // Java 17 and Node 20, as the project builds with (README.md, "The two commands")
                        .partialBuildSpec(BuildSpec.fromObject(Map.of("phases", Map.of("install", Map.of(
                                "runtime-versions", Map.of("java", "corretto17", "nodejs", "20"))))))
                        .build())
                .build();
        for (PipelineSettings.StageSettings target : settings.stages()) {
            ParticipantsStage stage = new ParticipantsStage(this, target.name(), StageProps.builder()
                    .env(Environment.builder().account(target.account()).region(target.region()).build())
                    .build());
            List<Step> before = target.approval()
                    ? List.of(new ManualApprovalStep("Approve-" + target.name()))
                    : List.of();
            ShellStep smoke = ShellStep.Builder.create("Smoke-" + target.name())
                    .envFromCfnOutputs(Map.of("API_URL", stage.apiUrl()))
                    .commands(SMOKE_COMMANDS)
                    .build();
            pipeline.addStage(stage, AddStageOpts.builder().pre(before).post(List.of(smoke)).build());
            stages.add(stage);
        }
        // This stack holds only what CDK Pipelines generates; the service's own stacks, in the stages, are checked in
        // full and suppress nothing of this.
        NagSuppressions.addStackSuppressions(this, List.of(
                NagPackSuppression.builder().id("AwsSolutions-S1").reason("The artifact bucket holds the pipeline's"
                        + " source and build outputs only, encrypted with the pipeline's rotated KMS key and reached by"
                        + " its own roles; CloudTrail data events record access where an account needs it.").build(),
                NagPackSuppression.builder().id("AwsSolutions-IAM5").reason("The roles CDK Pipelines generates:"
                        + " their wildcards are the grouped S3 actions of CDK's grants (s3:GetObject*, s3:List*, ...)"
                        + " on the object keys of the pipeline's own artifact bucket, its CodeBuild"
                        + " log groups and reports, kms:GenerateDataKey* and kms:ReEncrypt* on its own key, and the"
                        + " CDK bootstrap roles (cdk-hnb659fds-*) of the target accounts it deploys with.").build()));
    }

    /**
     * The context this synthesis was given, passed on to the pipeline's own synthesis, so that it rebuilds this
     * same pipeline and these same stacks.
     */
    private static String synthContext(Construct scope) {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (String key : List.of("jwtIssuer", "jwtAudience", "tenantClaim", "secretsPrefix", "throttleBurstLimit",
                "throttleRateLimit", "alarmEmail", "accountConcurrencyLimit", "apiLatencyP99Ms", "pipelineRepository",
                "pipelineBranch", "pipelineConnectionArn", "pipelineAccount", "pipelineRegion", "pipelineStages")) {
            Object value = scope.getNode().tryGetContext(key);
            if (value != null) {
                keys.put(key, value);
            }
        }
        StringBuilder flags = new StringBuilder();
        keys.forEach((key, value) -> flags.append(flags.isEmpty() ? "" : " ").append("-c ").append(key).append("=")
                .append(shellQuoted(value instanceof String text ? text : json(value))));
        return flags.toString();
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("A context value cannot be written as JSON", e);
        }
    }

    private static String shellQuoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** Builds the pipeline's resources now (CDK Pipelines otherwise does it at synthesis), for a test to read. */
    public void buildPipeline() {
        pipeline.buildPipeline();
    }

    public CodePipeline pipeline() {
        return pipeline;
    }

    public List<ParticipantsStage> stages() {
        return List.copyOf(stages);
    }
}
