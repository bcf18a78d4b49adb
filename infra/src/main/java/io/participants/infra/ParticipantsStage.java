package io.participants.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.StageProps;
import software.constructs.Construct;

/**
 * One deployment of the service by the pipeline: the same {@link ParticipantsStack} that {@code cdk deploy} deploys
 * alone, in its stage's account and region, checked by cdk-nag here too (an aspect on the app does not reach the
 * stacks inside a stage).
 */
public final class ParticipantsStage extends Stage {

    private final ParticipantsStack stack;

    public ParticipantsStage(Construct scope, String id, StageProps props) {
        super(scope, id, props);
        stack = new ParticipantsStack(this, ParticipantsApp.STACK_NAME, StackProps.builder()
                .description("Participants API (" + id + "): directory, channels, integration configs and conversations")
                .build());
        Aspects.of(this).add(AwsSolutionsChecks.Builder.create().verbose(true).build());
    }

    public ParticipantsStack stack() {
        return stack;
    }

    /** The stage's API URL, which the smoke test after its deployment calls. */
    public CfnOutput apiUrl() {
        return stack.apiUrl();
    }
}
