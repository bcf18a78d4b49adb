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
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretVersionStageRequest;

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
 * {@code {"accessToken", "teamId", "botUserId", "scopes": [...], "refreshToken"?, "expiresAt"?}}; the CDK stack
 * grants each function only the actions it uses ({@code GetSecretValue}, {@code CreateSecret},
 * {@code PutSecretValue}, {@code UpdateSecretVersionStage}, {@code DeleteSecret}, {@code TagResource}) on
 * {@code {prefix}/tenants/*} only.
 * <p>
 * A refreshed token replaces the one it was refreshed from with a compare-and-set on the secret's versions
 * ({@link #replace}): the new value is written as a version that is not yet current, then the {@code AWSCURRENT}
 * label is moved to it from the version that was read. Secrets Manager refuses that move when the label is no longer
 * on that version, so of two concurrent refreshes the second learns it lost instead of writing over the first.
 */
public final class SecretsManagerTokenStore implements ProviderTokenStore {

    /** The label of a refreshed value written but not yet made current; the next refresh moves it on. */
    static final String REFRESHED_STAGE = "PARTICIPANTS_REFRESHED";
    private static final String CURRENT_STAGE = "AWSCURRENT";

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
        Optional<ProviderToken> token = read(name);
        // absence is not cached: a token connected in another container must show up at once
        token.ifPresent(value -> cache.put(name, value, generation));
        return token;
    }

    @Override
    public Optional<ProviderToken> findLatest(TenantId tenant, UUID integrationConfigId) {
        String name = secretName(tenant, integrationConfigId);
        long generation = cache.generation();
        Optional<ProviderToken> token = read(name);
        token.ifPresent(value -> cache.put(name, value, generation));
        return token;
    }

    @Override
    public boolean replace(TenantId tenant, UUID integrationConfigId, ProviderToken current, ProviderToken next) {
        Objects.requireNonNull(current.version(), "the token to replace must have been read from the store");
        String name = secretName(tenant, integrationConfigId);
        String version = UUID.randomUUID().toString();
        try {
            // written beside the current value, not over it: nothing reads it until the label moves below
            client.putSecretValue(PutSecretValueRequest.builder().secretId(name).clientRequestToken(version)
                    .secretString(toJson(next)).versionStages(REFRESHED_STAGE).build());
            // the compare-and-set: refused unless AWSCURRENT is still on the version the caller read
            client.updateSecretVersionStage(UpdateSecretVersionStageRequest.builder().secretId(name)
                    .versionStage(CURRENT_STAGE).moveToVersionId(version).removeFromVersionId(current.version())
                    .build());
            return true;
        } catch (InvalidParameterException e) {
            return false;
        } catch (ResourceNotFoundException e) {
            // disconnected meanwhile: nothing to replace
            return false;
        } finally {
            cache.invalidate(name);
        }
    }

    private Optional<ProviderToken> read(String name) {
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(GetSecretValueRequest.builder().secretId(name).build());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(parse(name, response.secretString()).withVersion(response.versionId()));
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
            if (token.refreshToken() != null) {
                generator.writeStringField("refreshToken", token.refreshToken());
            }
            if (token.expiresAt() > 0) {
                // a string, as every field the reader keeps is one
                generator.writeStringField("expiresAt", Long.toString(token.expiresAt()));
            }
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
        long expiresAt;
        try {
            expiresAt = fields.get("expiresAt") instanceof String text ? Long.parseLong(text) : 0;
        } catch (NumberFormatException e) {
            throw new SecretUnavailableException("secret " + name + " has a malformed expiresAt");
        }
        return new ProviderToken(accessToken, text(fields, "teamId"), text(fields, "botUserId"), scopes,
                text(fields, "refreshToken"), expiresAt, null);
    }

    private static String text(Map<String, Object> fields, String name) {
        return fields.get(name) instanceof String value ? value : null;
    }
}
