package io.participants.local;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The env.json's Slack addresses: set through JAVA_TOOL_OPTIONS, which the template declares on every function. */
class SamEnvJsonTest {

    private static final LocalApi.Endpoints ENDPOINTS = new LocalApi.Endpoints(URI.create("http://127.0.0.1:4001"),
            URI.create("http://127.0.0.1:4002"), URI.create("http://127.0.0.1:4003"));

    @Test
    void aSlackStandInOnLoopbackIsNamedAsTheContainerReachesIt() {
        LocalOptions options = LocalOptions.parse(new String[] {"--slack-api-base", "http://127.0.0.1:9000/api",
                "--slack-oauth-base", "http://127.0.0.1:9000", "--slack-image-hosts", "avatars.example.test"},
                Map.of());

        Map<String, String> variables = SamEnvJson.variables(options, ENDPOINTS, 8080);

        assertThat(variables.get("JAVA_TOOL_OPTIONS")).isEqualTo(SamEnvJson.STACK_JAVA_TOOL_OPTIONS
                + " -Dparticipants.slack.api-base=http://host.docker.internal:9000/api"
                + " -Dparticipants.slack.oauth-base=http://host.docker.internal:9000"
                + " -Dparticipants.slack.image-hosts=avatars.example.test");
        assertThat(variables.get("PARTICIPANTS_DYNAMODB_ENDPOINT")).isEqualTo("http://host.docker.internal:4001");
    }

    @Test
    void withSlackItselfTheStacksJvmOptionsStayAsTheTemplateSetsThem() {
        Map<String, String> variables = SamEnvJson.variables(LocalOptions.parse(new String[0], Map.of()), ENDPOINTS,
                8080);

        assertThat(variables).doesNotContainKey("JAVA_TOOL_OPTIONS");
    }
}
