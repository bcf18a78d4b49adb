package io.participants.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app that cdk.json runs: one environment-agnostic stack holding the whole service, checked by cdk-nag's
 * AWS Solutions rules (an unsuppressed error fails {@code cdk synth}), and, when the context names a repository, the
 * pipeline stack ({@link PipelineStack}) that deploys the same stack to each of its stages.
 */
public final class ParticipantsApp {

    /** The stack's name, and so the template's: {@code cdk.out/ParticipantsStack.template.json}. */
    public static final String STACK_NAME = "ParticipantsStack";

    private ParticipantsApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        build(app);
        // with pipelineRepository in the context, also the pipeline that tests and deploys the service
        PipelineSettings.fromContext(app.getNode()).ifPresent(settings ->
                new PipelineStack(app, PipelineStack.STACK_NAME, settings));
        app.synth();
    }

    /** The stack, with the cdk-nag checks applied, in an app whose context holds the settings. */
    public static ParticipantsStack build(App app) {
        ParticipantsStack stack = new ParticipantsStack(app, STACK_NAME, StackProps.builder()
                .description("Participants API: directory, channels, integration configs and conversations").build());
        Aspects.of(app).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
        return stack;
    }
}
