package io.participants.api.secrets;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the Microsoft app's credentials from one secret holding
 * {@code {"clientId", "clientSecret", "directoryTenant"?}}, as {@link SlackAppCredentialsSource} reads Slack's.
 */
public final class MicrosoftAppCredentialsSource extends AppCredentialsSource<MicrosoftAppCredentials> {

    public MicrosoftAppCredentialsSource(SecretsManagerClient client, String secretName, Clock clock,
                                         Duration cacheTtl) {
        super(client, secretName, "Microsoft app", clock, cacheTtl);
    }

    /** The conventional name of the Microsoft app's secret under a deployment's prefix. */
    public static String defaultSecretName(String prefix) {
        return Objects.requireNonNull(prefix, "prefix") + "/microsoft/app";
    }

    @Override
    MicrosoftAppCredentials credentials(String clientId, String clientSecret, Map<String, Object> fields) {
        String tenant = text(fields, "directoryTenant");
        if (tenant != null && !MicrosoftAppCredentials.isDirectoryTenant(tenant)) {
            throw new SecretUnavailableException(problem() + " has a directoryTenant that is no tenant id or domain");
        }
        return new MicrosoftAppCredentials(clientId, clientSecret, tenant);
    }
}
