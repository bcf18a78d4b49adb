package io.participants.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.participants.api.config.EnvironmentVariables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The env.json of {@code sam local invoke --env-vars}: under {@code Parameters}, which SAM applies to every function,
 * the values of {@link EnvironmentVariables#LOCAL_OVERRIDES} that point a function at this local mode, each AWS
 * endpoint with the host a container reaches this machine by. SAM sets only the variables a function's template
 * declares, so each function takes the ones it uses.
 */
final class SamEnvJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SamEnvJson() {
    }

    /** The variables, in {@link EnvironmentVariables#LOCAL_OVERRIDES} order. */
    static Map<String, String> variables(LocalOptions options, LocalApi.Endpoints endpoints, int apiPort) {
        String host = options.sam().host();
        Map<String, String> values = new LinkedHashMap<>();
        values.put(EnvironmentVariables.TABLE_NAME, options.table());
        values.put(EnvironmentVariables.AVATARS_BUCKET, options.aws().avatarsBucket());
        // the embedded s3proxy has no object tagging
        values.put(EnvironmentVariables.AVATARS_TAG_UPLOADS, Boolean.toString(options.aws().s3Endpoint() != null));
        values.put(EnvironmentVariables.SECRETS_PREFIX, options.aws().secretsPrefix());
        // the operator's browser, not the container, follows Slack's redirect: this machine's own gateway
        values.put(EnvironmentVariables.OAUTH_REDIRECT_URI, options.slack().oauthRedirectUri() != null
                ? options.slack().oauthRedirectUri().toString()
                : "http://127.0.0.1:" + apiPort + "/v1/oauth/slack/callback");
        values.put(EnvironmentVariables.DYNAMODB_ENDPOINT, reachedBy(endpoints.dynamoDb(), host));
        values.put(EnvironmentVariables.S3_ENDPOINT, reachedBy(endpoints.s3(), host));
        values.put(EnvironmentVariables.SECRETS_ENDPOINT, reachedBy(endpoints.secretsManager(), host));
        return values;
    }

    /** Writes {@code {"Parameters": {...}}} to {@code file}. */
    static void write(Path file, LocalOptions options, LocalApi.Endpoints endpoints, int apiPort) {
        try {
            String json = JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(Map.of("Parameters", variables(options, endpoints, apiPort)));
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the env.json", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** A loopback endpoint as a container reaches it; an endpoint elsewhere (AWS_ENDPOINT_URL_*) as it is. */
    private static String reachedBy(URI endpoint, String host) {
        String own = endpoint.getHost();
        boolean local = "127.0.0.1".equals(own) || "localhost".equals(own) || "0.0.0.0".equals(own);
        return local ? endpoint.getScheme() + "://" + host + ":" + endpoint.getPort() : endpoint.toString();
    }
}
