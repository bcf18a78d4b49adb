package io.participants.api.secrets;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The key that signs OAuth states: the string value of one secret (the CDK stack generates it), at least 32
 * characters, kept in memory briefly so a rotation reaches every container within the cache TTL. States signed with
 * the previous key stop working when it rotates; an operator then starts the authorization again.
 */
public final class StateKeySource implements Supplier<byte[]> {

    public static final int MIN_LENGTH = 32;

    private final SecretsManagerClient client;
    private final String secretName;
    private final SecretCache<byte[]> cache;

    public StateKeySource(SecretsManagerClient client, String secretName, Clock clock, Duration cacheTtl) {
        this.client = Objects.requireNonNull(client, "client");
        this.secretName = Objects.requireNonNull(secretName, "secretName");
        this.cache = new SecretCache<>(clock, cacheTtl);
    }

    /** The conventional name of the state key under a deployment's prefix. */
    public static String defaultSecretName(String prefix) {
        return Objects.requireNonNull(prefix, "prefix") + "/oauth/state-key";
    }

    @Override
    public byte[] get() {
        Optional<byte[]> cached = cache.get(secretName);
        if (cached.isPresent()) {
            return cached.get().clone();
        }
        long generation = cache.generation();
        String value;
        try {
            value = client.getSecretValue(GetSecretValueRequest.builder().secretId(secretName).build()).secretString();
        } catch (ResourceNotFoundException e) {
            throw new SecretUnavailableException("the OAuth state key secret " + secretName + " does not exist");
        }
        if (value == null || value.length() < MIN_LENGTH) {
            throw new SecretUnavailableException("the OAuth state key secret " + secretName
                    + " must hold at least " + MIN_LENGTH + " characters");
        }
        byte[] key = value.getBytes(StandardCharsets.UTF_8);
        cache.put(secretName, key, generation);
        return key.clone();
    }

    @Override
    public String toString() {
        return "StateKeySource[secretName=" + secretName + "]";
    }
}
