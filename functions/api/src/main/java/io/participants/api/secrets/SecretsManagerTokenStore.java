package io.participants.api.secrets;

import io.participants.api.secrets.SecretJson.MalformedSecretException;
import io.participants.domain.common.TenantId;
import io.participants.domain.connection.ProviderToken;
import io.participants.domain.connection.ProviderTokenStore;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Keeps each tenant's provider token in its own Secrets Manager secret named
 * {@code {prefix}/tenants/{tenant}/integrations/{integrationConfigId}/token}, whose value is the JSON object
 * {@code {"accessToken", "teamId", "botUserId", "scopes": [...]}}; the CDK stack grants the functions
 * {@code secretsmanager:GetSecretValue}, {@code CreateSecret}, {@code PutSecretValue}, {@code DeleteSecret} and
 * {@code TagResource} on {@code {prefix}/tenants/*} only.
 */
public final class SecretsManagerTokenStore implements ProviderTokenStore {

    // the characters Secrets Manager allows in a name, without a leading or trailing slash
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_+=.@-]+(/[A-Za-z0-9_+=.@-]+)*");

    private final SecretsManagerClient client;
    private final String prefix;
    private final SecretCache<ProviderToken> cache;

    /**
     * @param prefix   the first part of every secret name, such as {@code participants-prod}
     * @param cacheTtl how long a token read stays in memory; zero turns the cache off
     */
    public SecretsManagerTokenStore(SecretsManagerClient client, String prefix, Clock clock, Duration cacheTtl) {
        this.client = Objects.requireNonNull(client, "client");
        Objects.requireNonNull(prefix, "prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("invalid secret name prefix: " + prefix);
        }
        this.prefix = prefix;
        this.cache = new SecretCache<>(clock, cacheTtl);
    }

    /** The name of the secret holding the token of one tenant's integration config. */
    public String secretName(TenantId tenant, UUID integrationConfigId) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(integrationConfigId, "integrationConfigId");
        return prefix + "/tenants/" + tenant.value() + "/integrations/" + integrationConfigId + "/token";
    }

    @Override
    public Optional<ProviderToken> find(TenantId tenant, UUID integrationConfigId) {
        String name = secretName(tenant, integrationConfigId);
        Optional<ProviderToken> cached = cache.get(name);
        if (cached.isPresent()) {
            return cached;
        }
        long generation = cache.generation();
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(GetSecretValueRequest.builder().secretId(name).build());
        } catch (ResourceNotFoundException e) {
            // absence is not cached: a token connected in another container must show up at once
            return Optional.empty();
        }
        ProviderToken token = parse(name, response.secretString());
        cache.put(name, token, generation);
        return Optional.of(token);
    }

    @Override
    public void save(TenantId tenant, UUID integrationConfigId, ProviderToken token) {
        Objects.requireNonNull(token, "token");
        String name = secretName(tenant, integrationConfigId);
        String value = toJson(token);
        try {
            client.createSecret(CreateSecretRequest.builder()
                    .name(name)
                    .description("Provider token of integration config " + integrationConfigId)
                    .secretString(value)
                    .tags(Tag.builder().key("tenant").value(tenant.value()).build(),
                            Tag.builder().key("integrationConfigId").value(integrationConfigId.toString()).build())
                    .build());
        } catch (ResourceExistsException e) {
            client.putSecretValue(PutSecretValueRequest.builder().secretId(name).secretString(value).build());
        } finally {
            cache.invalidate(name);
        }
    }

    @Override
    public boolean delete(TenantId tenant, UUID integrationConfigId) {
        String name = secretName(tenant, integrationConfigId);
        try {
            // the caller revokes the token with the provider first, so a recovery window would only keep a dead secret
            client.deleteSecret(DeleteSecretRequest.builder().secretId(name).forceDeleteWithoutRecovery(true).build());
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        } finally {
            cache.invalidate(name);
        }
    }

    static String toJson(ProviderToken token) {
        return SecretJson.write(generator -> {
            generator.writeStringField("accessToken", token.accessToken());
            generator.writeStringField("teamId", token.teamId());
            generator.writeStringField("botUserId", token.botUserId());
            generator.writeArrayFieldStart("scopes");
            for (String scope : token.scopes()) {
                generator.writeString(scope);
            }
            generator.writeEndArray();
        });
    }

    private static ProviderToken parse(String name, String secretString) {
        if (secretString == null) {
            throw new SecretUnavailableException("secret " + name + " has no string value");
        }
        Map<String, Object> fields;
        try {
            fields = SecretJson.read(secretString);
        } catch (MalformedSecretException e) {
            throw new SecretUnavailableException("secret " + name + " is malformed: " + e.getMessage());
        }
        if (!(fields.get("accessToken") instanceof String accessToken) || accessToken.isEmpty()) {
            throw new SecretUnavailableException("secret " + name + " has no accessToken");
        }
        List<String> scopes = fields.get("scopes") instanceof List<?> list
                ? list.stream().map(String.class::cast).toList()
                : List.of();
        return new ProviderToken(accessToken, text(fields, "teamId"), text(fields, "botUserId"), scopes);
    }

    private static String text(Map<String, Object> fields, String name) {
        return fields.get(name) instanceof String value ? value : null;
    }
}
