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
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The env.json of {@code sam local invoke --env-vars}: under {@code Parameters}, which SAM applies to every function,
 * the values of {@link EnvironmentVariables#LOCAL_OVERRIDES} that point a function at this local mode, each AWS
 * endpoint with the host a container reaches this machine by. SAM sets only the variables a function's template
 * declares, so each function takes the ones it uses.
 */
public final class SamEnvJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String LOCAL_EVENT_BUS = "participants-local";
    /** The JVM options the stack gives every function (infra's {@code Functions.JAVA_TOOL_OPTIONS}). */
    static final String STACK_JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

    private SamEnvJson() {
    }

    /**
     * The variables, in {@link EnvironmentVariables#LOCAL_OVERRIDES} order: the values local mode gives its own
     * handler ({@link HandlerProperties}), each under its environment name, with the AWS endpoints as a container
     * reaches them.
     */
    public static Map<String, String> variables(LocalOptions options, LocalApi.Endpoints endpoints, int apiPort) {
        Map<String, String> byName = new LinkedHashMap<>();
        HandlerProperties.of(options, endpoints, apiPort).forEach((property, value) ->
                byName.put(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : EnvironmentVariables.LOCAL_OVERRIDES) {
            values.put(name, byName.get(name));
        }
        // unset for local mode's own handler is the service's default, which env.json must state: S3 tags uploads
        if (values.get(EnvironmentVariables.AVATARS_TAG_UPLOADS) == null) {
            values.put(EnvironmentVariables.AVATARS_TAG_UPLOADS, "true");
        }
        // local mode has no event bus: a sam local invoke of the publisher names this one, in the credentials' account
        if (values.get(EnvironmentVariables.EVENT_BUS_NAME) == null) {
            values.put(EnvironmentVariables.EVENT_BUS_NAME, LOCAL_EVENT_BUS);
        }
        String host = options.sam().host();
        for (String endpoint : List.of(EnvironmentVariables.DYNAMODB_ENDPOINT, EnvironmentVariables.S3_ENDPOINT,
                EnvironmentVariables.SECRETS_ENDPOINT)) {
            values.put(endpoint, reachedBy(URI.create(values.get(endpoint)), host));
        }
        String providers = providerProperties(options, host);
        if (!providers.isEmpty()) {
            values.put(JAVA_TOOL_OPTIONS, STACK_JAVA_TOOL_OPTIONS + providers);
        }
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

    /**
     * The providers' stand-in addresses as system properties, which the handler reads as it reads its variables: the
     * template declares no provider variable (a deployed function always talks to the providers themselves), but
     * declares {@code JAVA_TOOL_OPTIONS} on every function, so env.json can set them there. Only the addresses local
     * mode was given a stand-in for: empty while it uses every provider itself.
     */
    private static String providerProperties(LocalOptions options, String host) {
        LocalOptions.Slack slack = options.slack();
        StringBuilder properties = new StringBuilder();
        standIn(properties, "participants.slack.api-base", slack.apiBase(), LocalOptions.SLACK_API_BASE, host);
        standIn(properties, "participants.slack.oauth-base", slack.oauthBase(), LocalOptions.SLACK_OAUTH_BASE, host);
        if (!slack.imageHosts().isEmpty()) {
            properties.append(" -Dparticipants.slack.image-hosts=").append(String.join(",", slack.imageHosts()));
        }
        standIn(properties, "participants.telegram.api-base", options.providers().telegramApiBase(),
                LocalOptions.TELEGRAM_API_BASE, host);
        standIn(properties, "participants.gravatar.base", options.providers().gravatarBase(),
                LocalOptions.GRAVATAR_BASE, host);
        standIn(properties, "participants.microsoft.login-base", options.microsoft().loginBase(),
                LocalOptions.MICROSOFT_LOGIN_BASE, host);
        standIn(properties, "participants.microsoft.graph-base", options.microsoft().graphBase(),
                LocalOptions.MICROSOFT_GRAPH_BASE, host);
        return properties.toString();
    }

    private static void standIn(StringBuilder properties, String property, URI base, String own, String host) {
        if (!base.toString().equals(own)) {
            properties.append(" -D").append(property).append('=').append(reachedBy(base, host));
        }
    }

    /** A loopback endpoint as a container reaches it; an endpoint elsewhere (AWS_ENDPOINT_URL_*) as it is. */
    private static String reachedBy(URI endpoint, String host) {
        String own = endpoint.getHost();
        boolean local = "127.0.0.1".equals(own) || "localhost".equals(own);
        String port = endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort();
        return local ? endpoint.getScheme() + "://" + host + port + endpoint.getRawPath() : endpoint.toString();
    }
}
