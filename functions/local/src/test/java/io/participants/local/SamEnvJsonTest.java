package io.participants.local;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The env.json's provider stand-ins' addresses: set through JAVA_TOOL_OPTIONS, which the template declares on every
 * function.
 */
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
    void telegramGravatarAndMicrosoftStandInsComeAfterSlacksAndOnlyThoseGiven() {
        LocalOptions options = LocalOptions.parse(new String[] {"--telegram-api-base", "http://127.0.0.1:9001",
                "--gravatar-base", "http://localhost:9002", "--microsoft-login-base", "http://127.0.0.1:9003",
                "--microsoft-graph-base", "https://graph.example.test/v1.0"}, Map.of());

        Map<String, String> variables = SamEnvJson.variables(options, ENDPOINTS, 8080);

        assertThat(variables.get("JAVA_TOOL_OPTIONS")).isEqualTo(SamEnvJson.STACK_JAVA_TOOL_OPTIONS
                + " -Dparticipants.telegram.api-base=http://host.docker.internal:9001"
                + " -Dparticipants.gravatar.base=http://host.docker.internal:9002"
                + " -Dparticipants.microsoft.login-base=http://host.docker.internal:9003"
                + " -Dparticipants.microsoft.graph-base=https://graph.example.test/v1.0");
    }

    @Test
    void aMicrosoftLoginStandInAloneLeavesTheOtherProvidersOut() {
        LocalOptions options = LocalOptions.parse(new String[] {"--microsoft-login-base", "http://127.0.0.1:9003",
                "--sam-host", "127.0.0.1"}, Map.of());

        assertThat(SamEnvJson.variables(options, ENDPOINTS, 8080).get("JAVA_TOOL_OPTIONS")).isEqualTo(
                SamEnvJson.STACK_JAVA_TOOL_OPTIONS + " -Dparticipants.microsoft.login-base=http://127.0.0.1:9003");
    }

    @Test
    void withSlackItselfTheStacksJvmOptionsStayAsTheTemplateSetsThem() {
        Map<String, String> variables = SamEnvJson.variables(LocalOptions.parse(new String[0], Map.of()), ENDPOINTS,
                8080);

        assertThat(variables).doesNotContainKey("JAVA_TOOL_OPTIONS");
    }
}
