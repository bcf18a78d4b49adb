package io.participants.api.secrets;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** Reads the Slack app's credentials from one secret holding {@code {"clientId", "clientSecret", "signingKey"?}}. */
public final class SlackAppCredentialsSource extends AppCredentialsSource<SlackAppCredentials> {

    /**
     * @param secretName such as {@link #defaultSecretName(String) {prefix}/slack/app}
     * @param cacheTtl   how long the credentials stay in memory; zero turns the cache off
     */
    public SlackAppCredentialsSource(SecretsManagerClient client, String secretName, Clock clock,
                                     Duration cacheTtl) {
        super(client, secretName, "Slack app", clock, cacheTtl);
    }

    /** The conventional name of the Slack app's secret under a deployment's prefix. */
    public static String defaultSecretName(String prefix) {
        return Objects.requireNonNull(prefix, "prefix") + "/slack/app";
    }

    @Override
    SlackAppCredentials credentials(String clientId, String clientSecret, Map<String, Object> fields) {
        return new SlackAppCredentials(clientId, clientSecret, text(fields, "signingKey"));
    }
}
