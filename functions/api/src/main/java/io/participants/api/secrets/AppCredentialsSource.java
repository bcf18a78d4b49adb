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
 * Reads an OAuth app's credentials from one secret holding at least {@code {"clientId", "clientSecret"}}, kept in
 * memory briefly so that rotating the secret reaches every container within the cache TTL. Each provider's subclass
 * says what else its secret holds.
 */
public abstract class AppCredentialsSource<T> implements Supplier<T> {

    private final SecretsManagerClient client;
    private final String secretName;
    private final String app;
    private final SecretCache<T> cache;

    /**
     * @param app        the app's name in error messages, such as "Slack app"
     * @param cacheTtl   how long the credentials stay in memory; zero turns the cache off
     */
    AppCredentialsSource(SecretsManagerClient client, String secretName, String app, Clock clock, Duration cacheTtl) {
        this.client = Objects.requireNonNull(client, "client");
        this.secretName = Objects.requireNonNull(secretName, "secretName");
        this.app = Objects.requireNonNull(app, "app");
        if (secretName.isBlank()) {
            throw new IllegalArgumentException("secret name must not be blank");
        }
        this.cache = new SecretCache<>(clock, cacheTtl);
    }

    public String secretName() {
        return secretName;
    }

    /** @throws SecretUnavailableException when the secret is missing or malformed; the message names it only */
    @Override
    public T get() {
        Optional<T> cached = cache.get(secretName);
        if (cached.isPresent()) {
            return cached.get();
        }
        long generation = cache.generation();
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(GetSecretValueRequest.builder().secretId(secretName).build());
        } catch (ResourceNotFoundException e) {
            throw new SecretUnavailableException(problem() + " does not exist");
        }
        T credentials = parse(response.secretString());
        cache.put(secretName, credentials, generation);
        return credentials;
    }

    /** Forgets the cached credentials, as after a rejected client secret, so the next call reads the secret again. */
    public void invalidate() {
        cache.invalidate(secretName);
    }

    /**
     * The credentials of a secret whose client id and secret are present; {@code fields} holds the rest.
     *
     * @throws SecretUnavailableException when another field is malformed (its message built on {@link #problem()})
     */
    abstract T credentials(String clientId, String clientSecret, Map<String, Object> fields);

    /** The start of every error message: the app and the secret's name, never a value. */
    final String problem() {
        return "the " + app + " secret " + secretName;
    }

    static String text(Map<String, Object> fields, String name) {
        return fields.get(name) instanceof String value && !value.isBlank() ? value : null;
    }

    private T parse(String secretString) {
        if (secretString == null) {
            throw new SecretUnavailableException(problem() + " has no string value");
        }
        Map<String, Object> fields;
        try {
            fields = SecretJson.read(secretString);
        } catch (MalformedSecretException e) {
            throw new SecretUnavailableException(problem() + " is malformed: " + e.getMessage());
        }
        String clientId = text(fields, "clientId");
        String clientSecret = text(fields, "clientSecret");
        if (clientId == null || clientSecret == null) {
            throw new SecretUnavailableException(problem() + " must hold a JSON object with clientId and clientSecret");
        }
        return credentials(clientId, clientSecret, fields);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[secretName=" + secretName + "]";
    }
}
