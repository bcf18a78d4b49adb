package io.participants.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.participants.api.config.EnvironmentVariables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./local --sam-env-json FILE}: the env.json that points {@code sam local invoke} at this local mode. */
class SamEnvJsonIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void aStartedLocalModeWritesEveryOverrideWithItsServicesAsAContainerReachesThem() throws Exception {
        Path envJson = dataDir.resolve("sam/env.json");
        LocalOptions options = LocalOptions.parse(new String[] {"--port", "0", "--in-memory", "--data-dir",
                dataDir.toString(), "--sam-env-json", envJson.toString(), "--services-bind", "0.0.0.0",
                "--secrets-prefix", "dev/p"}, Map.of());

        try (LocalApi api = LocalApi.start(options)) {
            JsonNode parameters = new ObjectMapper().readTree(envJson.toFile()).get("Parameters");

            List<String> names = new ArrayList<>();
            parameters.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactlyElementsOf(EnvironmentVariables.LOCAL_OVERRIDES);
            assertThat(parameters.get("PARTICIPANTS_DYNAMODB_ENDPOINT").asText())
                    .isEqualTo("http://host.docker.internal:" + api.endpoints().dynamoDb().getPort());
            assertThat(parameters.get("PARTICIPANTS_S3_ENDPOINT").asText())
                    .isEqualTo("http://host.docker.internal:" + api.endpoints().s3().getPort());
            assertThat(parameters.get("PARTICIPANTS_SECRETS_ENDPOINT").asText())
                    .isEqualTo("http://host.docker.internal:" + api.endpoints().secretsManager().getPort());
            assertThat(parameters.get("PARTICIPANTS_TABLE_NAME").asText()).isEqualTo("participants");
            assertThat(parameters.get("PARTICIPANTS_AVATARS_BUCKET").asText()).isEqualTo(LocalOptions.DEFAULT_BUCKET);
            assertThat(parameters.get("PARTICIPANTS_AVATARS_TAG_UPLOADS").asText()).isEqualTo("false");
            assertThat(parameters.get("PARTICIPANTS_SECRETS_PREFIX").asText()).isEqualTo("dev/p");
            assertThat(parameters.get("PARTICIPANTS_OAUTH_REDIRECT_URI").asText())
                    .isEqualTo("http://127.0.0.1:" + api.port() + "/v1/oauth/slack/callback");
            // bound to every address, the services still serve local mode on loopback
            HttpResponse<String> secrets = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    api.endpoints().secretsManager()).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .header("X-Amz-Target", "secretsmanager.ListSecrets").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(secrets.statusCode()).isLessThan(500);
            assertThat(api.endpoints().s3().getHost()).isEqualTo("127.0.0.1");
            assertThat(api.dynamoDb().listenHosts()).containsOnly("0.0.0.0");
        }
    }

    @Test
    void anEndpointFromTheEnvironmentIsPassedOnAsItIsAndTaggedAsS3Is() {
        LocalOptions options = LocalOptions.parse(new String[] {"--sam-host", "172.17.0.1"},
                Map.of("AWS_ENDPOINT_URL_S3", "http://s3.dev.example:4566"));
        LocalApi.Endpoints endpoints = new LocalApi.Endpoints(URI.create("http://127.0.0.1:8000"),
                URI.create("http://s3.dev.example:4566"), URI.create("http://127.0.0.1:8001"));

        Map<String, String> variables = SamEnvJson.variables(options, endpoints, 8080);

        assertThat(variables)
                .containsEntry("PARTICIPANTS_DYNAMODB_ENDPOINT", "http://172.17.0.1:8000")
                .containsEntry("PARTICIPANTS_S3_ENDPOINT", "http://s3.dev.example:4566")
                .containsEntry("PARTICIPANTS_SECRETS_ENDPOINT", "http://172.17.0.1:8001")
                .containsEntry("PARTICIPANTS_AVATARS_TAG_UPLOADS", "true");
    }
}
