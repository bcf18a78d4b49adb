package io.participants.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/** The CDK app that cdk.json runs: one environment-agnostic stack holding the whole service. */
public final class ParticipantsApp {

    private ParticipantsApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        new ParticipantsStack(app, "Participants", StackProps.builder()
                .description("Participants API: directory, channels and integration configs").build());
        app.synth();
    }
}
