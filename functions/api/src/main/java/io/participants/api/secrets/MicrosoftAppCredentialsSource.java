package io.participants.api.secrets;

import io.participants.api.secrets.SecretJson.MalformedSecretException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the Microsoft app's credentials from one secret holding
 * {@code {"clientId", "clientSecret", "directoryTenant"?}}, as {@link SlackAppCredentialsSource} reads Slack's, kept
 * in memory briefly so that rotating the secret reaches every container within the cache TTL.
 */
public final class MicrosoftAppCredentialsSource implements Supplier<MicrosoftAppCredentials> {

    private final SecretsManagerClient client;
    private final String secretName;
    private final SecretCache<MicrosoftAppCredentials> cache;

    public MicrosoftAppCredentialsSource(SecretsManagerClient client, String secretName, Clock clock,
                                         Duration cacheTtl) {
        this.client = Objects.requireNonNull(client, "client");
        this.secretName = Objects.requireNonNull(secretName, "secretName");
        if (secretName.isBlank()) {
            throw new IllegalArgumentException("secret name must not be blank");
        }
        this.cache = new SecretCache<>(clock, cacheTtl);
    }

    /** The conventional name of the Microsoft app's secret under a deployment's prefix. */
    public static String defaultSecretName(String prefix) {
        return Objects.requireNonNull(prefix, "prefix") + "/microsoft/app";
    }

    public String secretName() {
        return secretName;
    }

    /** @throws SecretUnavailableException when the secret is missing or malformed; the message names it only */
    @Override
    public MicrosoftAppCredentials get() {
        Optional<MicrosoftAppCredentials> cached = cache.get(secretName);
        if (cached.isPresent()) {
            return cached.get();
        }
        long generation = cache.generation();
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(GetSecretValueRequest.builder().secretId(secretName).build());
        } catch (ResourceNotFoundException e) {
            throw new SecretUnavailableException("the Microsoft app secret " + secretName + " does not exist");
        }
        MicrosoftAppCredentials credentials = parse(response.secretString());
        cache.put(secretName, credentials, generation);
        return credentials;
    }

    /** Forgets the cached credentials, as after a rejected client secret, so the next call reads the secret again. */
    public void invalidate() {
        cache.invalidate(secretName);
    }

    private MicrosoftAppCredentials parse(String secretString) {
        String problem = "the Microsoft app secret " + secretName;
        if (secretString == null) {
            throw new SecretUnavailableException(problem + " has no string value");
        }
        Map<String, Object> fields;
        try {
            fields = SecretJson.read(secretString);
        } catch (MalformedSecretException e) {
            throw new SecretUnavailableException(problem + " is malformed: " + e.getMessage());
        }
        String clientId = text(fields, "clientId");
        String clientSecret = text(fields, "clientSecret");
        String tenant = text(fields, "directoryTenant");
        if (clientId == null || clientSecret == null) {
            throw new SecretUnavailableException(problem + " must hold a JSON object with clientId and clientSecret");
        }
        if (tenant != null && !MicrosoftAppCredentials.isDirectoryTenant(tenant)) {
            throw new SecretUnavailableException(problem + " has a directoryTenant that is no tenant id or domain");
        }
        return new MicrosoftAppCredentials(clientId, clientSecret, tenant);
    }

    private static String text(Map<String, Object> fields, String name) {
        return fields.get(name) instanceof String value && !value.isBlank() ? value : null;
    }

    @Override
    public String toString() {
        return "MicrosoftAppCredentialsSource[secretName=" + secretName + "]";
    }
}
