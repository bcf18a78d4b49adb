package io.participants.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.participants.api.secrets.MicrosoftAppCredentialsSource;
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
 * {@code ./local slack-app} and {@code ./local microsoft-app}: write the app's credentials,
 * {@code {"clientId", "clientSecret"}} (and Slack's {@code "signingKey"}, Microsoft's {@code "directoryTenant"}),
 * into the secret
 * {@code {prefix}/slack/app} or {@code {prefix}/microsoft/app} of the local secrets file, where local mode (running
 * or not) reads them.
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
        boolean microsoft = options.command() == LocalOptions.Command.MICROSOFT_APP;
        String prefix = options.aws().secretsPrefix();
        String name = microsoft ? MicrosoftAppCredentialsSource.defaultSecretName(prefix)
                : SlackAppCredentialsSource.defaultSecretName(prefix);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("clientId", app.clientId());
        fields.put("clientSecret", clientSecret);
        if (!microsoft && app.signingSecret() != null) {
            // the field name the service reads (SlackAppCredentialsSource)
            fields.put("signingKey", app.signingSecret());
        }
        if (microsoft && options.microsoft().directoryTenant() != null) {
            fields.put("directoryTenant", options.microsoft().directoryTenant());
        }
        LocalSecrets.inDirectory(secretsDir(options.dataDir()), Clock.systemUTC())
                .upsert(name, (microsoft ? "The Microsoft" : "The Slack") + " app's credentials, for local mode",
                        json(fields));
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

    private static String json(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the app secret");
        }
    }
}
