package io.participants.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.participants.api.secrets.SlackAppCredentialsSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ./local slack-app}: writes the Slack app's credentials, {@code {"clientId", "clientSecret"}}, into the
 * secret {@code {prefix}/slack/app} of the local secrets file, where local mode (running or not) reads them.
 */
final class SlackAppCommand {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SlackAppCommand() {
    }

    /** Stores the credentials and returns the secret's name; {@code stdin} is read for {@code --client-secret-file -}. */
    static String run(LocalOptions options, InputStream stdin) {
        if (options.aws().secretsEndpoint() != null) {
            throw new IllegalStateException("The environment points local mode at another Secrets Manager ("
                    + LocalOptions.ENDPOINT_SECRETS_MANAGER + " or " + LocalOptions.ENDPOINT_ALL + "), so it would"
                    + " not read this file; store the secret there with the AWS CLI instead");
        }
        LocalOptions.SlackApp app = options.slackApp();
        String clientSecret = app.clientSecret() != null ? app.clientSecret() : readSecret(app.clientSecretFile(), stdin);
        if (clientSecret.isEmpty()) {
            throw new IllegalArgumentException("The client secret is empty");
        }
        String name = SlackAppCredentialsSource.defaultSecretName(options.aws().secretsPrefix());
        LocalSecrets.inDirectory(secretsDir(options.dataDir()), Clock.systemUTC())
                .upsert(name, "The Slack app's client id and secret, for local mode", json(app.clientId(), clientSecret));
        return name;
    }

    /** Where local mode keeps its secrets under a data directory. */
    static Path secretsDir(Path dataDir) {
        return dataDir.resolve("secrets");
    }

    private static String readSecret(Path file, InputStream stdin) {
        try {
            byte[] bytes = file.toString().equals("-") ? stdin.readAllBytes() : Files.readAllBytes(file);
            // a file written by `echo` ends with a newline that is no part of the secret
            return new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the client secret from " + file, e);
        }
    }

    private static String json(String clientId, String clientSecret) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("clientId", clientId);
        fields.put("clientSecret", clientSecret);
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the Slack app secret");
        }
    }
}
