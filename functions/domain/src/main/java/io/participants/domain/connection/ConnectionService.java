package io.participants.domain.connection;

import io.participants.domain.common.RefusedException;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.Violations;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.IntegrationConfigService;
import io.participants.domain.integration.IntegrationConfigStore;
import io.participants.domain.integration.Provider;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The operator's OAuth connection of an integration config: authorize (a signed, single-use state binding tenant
 * and config), the provider's callback (code exchanged, token stored, config marked connected) and disconnect
 * (token revoked where possible and deleted). A failed callback stores nothing.
 */
public final class ConnectionService {

    /** How long an operator has between {@code :authorize} and the provider's callback. */
    public static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

    private static final Pattern PROVIDER_ERROR = Pattern.compile("[a-z_]{1,64}");
    private static final int MAX_CODE_LENGTH = 1024;

    private final IntegrationConfigStore configs;
    private final ProviderTokenStore tokens;
    private final Map<Provider, OAuthClient> clients;
    private final Map<Provider, TokenVerifier> verifiers;
    private final SignedStates states;
    private final OAuthStateLedger ledger;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ConnectionService(IntegrationConfigStore configs, ProviderTokenStore tokens, List<OAuthClient> clients,
                             SignedStates states, OAuthStateLedger ledger, Clock clock) {
        this(configs, tokens, clients, List.of(), states, ledger, clock);
    }

    public ConnectionService(IntegrationConfigStore configs, ProviderTokenStore tokens, List<OAuthClient> clients,
                             List<TokenVerifier> verifiers, SignedStates states, OAuthStateLedger ledger,
                             Clock clock) {
        this.configs = configs;
        this.tokens = tokens;
        this.clients = clients.stream().collect(Collectors.toUnmodifiableMap(OAuthClient::provider,
                Function.identity()));
        this.verifiers = verifiers.stream().collect(Collectors.toUnmodifiableMap(TokenVerifier::provider,
                Function.identity()));
        this.states = states;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Where to send the operator to grant access, and until when (epoch millis) its state is accepted. */
    public record Authorization(URI url, long expiresAt) {
    }

    /** Where to send the operator to grant access to the config's provider workspace. */
    public Authorization authorize(TenantId tenant, UUID configId) {
        IntegrationConfig config = find(tenant, configId);
        OAuthClient client = clientOf(config);
        byte[] nonce = new byte[18];
        random.nextBytes(nonce);
        OAuthState state = new OAuthState(tenant, configId, Base64.getUrlEncoder().withoutPadding()
                .encodeToString(nonce), clock.millis() + STATE_LIFETIME.toMillis());
        String signed = states.encode(state);
        ledger.open(state);
        return new Authorization(client.authorizationUrl(signed), state.expiresAt());
    }

    /**
     * Completes the flow the provider's callback reports. The state is checked (signature, expiry, single use)
     * before anything else is done with the request.
     *
     * @param error the provider's error (the operator declined), or null
     * @return the config, now connected
     * @throws RefusedException {@code oauth-state-invalid} for a forged, expired or reused state,
     *                          {@code oauth-denied} when the provider reports an error
     */
    public IntegrationConfig complete(Provider provider, String code, String state, String error) {
        Violations v = new Violations();
        v.check(state != null && !state.isEmpty(), "state", "is required");
        v.check(error != null || (code != null && !code.isEmpty()), "code", "is required");
        v.check(code == null || code.length() <= MAX_CODE_LENGTH, "code",
                "must be at most " + MAX_CODE_LENGTH + " characters");
        v.throwIfAny();
        OAuthState grant = states.decode(state).orElseThrow(() -> invalidState("is not one this service issued"));
        if (clock.millis() > grant.expiresAt()) {
            throw invalidState("has expired; authorize the integration config again");
        }
        if (!ledger.consume(grant)) {
            throw invalidState("was already used; authorize the integration config again");
        }
        IntegrationConfig config = find(grant.tenant(), grant.integrationConfigId());
        if (config.provider() != provider) {
            throw invalidState("was issued for another provider");
        }
        if (error != null) {
            String shown = PROVIDER_ERROR.matcher(error).matches() ? error : "unknown_error";
            throw new RefusedException("oauth-denied", provider + " did not grant access: " + shown);
        }
        ProviderToken token = clientOf(config).exchange(code);
        tokens.save(grant.tenant(), config.id(), token);
        Connection connection = new Connection(ConnectionState.CONNECTED, token.teamId(), token.prefix(),
                clock.millis());
        if (!configs.setConnection(grant.tenant(), config.id(), connection)) {
            // the config was deleted meanwhile: keep no token for it
            tokens.delete(grant.tenant(), config.id());
            throw IntegrationConfigService.notFound(config.id());
        }
        return config.withConnection(connection);
    }

    /**
     * Connects a config of a provider without OAuth with the token the operator gives (a Telegram bot's): the
     * provider is asked first, and only a token it accepts is stored, replacing any earlier one.
     *
     * @throws RefusedException {@code connect-not-supported} for a provider connected through OAuth or not at all
     * @throws io.participants.domain.avatar.ProviderFailure {@code TOKEN_REJECTED} when the provider refuses it
     */
    public IntegrationConfig connect(TenantId tenant, UUID configId, String token) {
        Violations v = new Violations();
        v.check(token != null && !token.isBlank(), "botToken", "is required");
        v.check(token == null || token.length() <= MAX_CODE_LENGTH, "botToken",
                "must be at most " + MAX_CODE_LENGTH + " characters");
        v.throwIfAny();
        IntegrationConfig config = find(tenant, configId);
        TokenVerifier verifier = verifiers.get(config.provider());
        if (verifier == null) {
            throw new RefusedException("connect-not-supported", "Integration configs of provider "
                    + config.provider() + (config.provider().usesOAuth() ? " connect through :authorize"
                    : " need no connection"));
        }
        ProviderToken verified = verifier.verify(token.strip());
        tokens.save(tenant, configId, verified);
        Connection connection = new Connection(ConnectionState.CONNECTED, verified.teamId(), verified.prefix(),
                clock.millis());
        if (!configs.setConnection(tenant, configId, connection)) {
            tokens.delete(tenant, configId);
            throw IntegrationConfigService.notFound(configId);
        }
        return config.withConnection(connection);
    }

    /**
     * Revokes (best effort, where the provider's OAuth has a revocation) and deletes the config's token;
     * disconnecting a config with none is a no-op.
     */
    public IntegrationConfig disconnect(TenantId tenant, UUID configId) {
        IntegrationConfig config = find(tenant, configId);
        OAuthClient client = config.provider().needsConnection() && !config.provider().usesOAuth() ? null
                : clientOf(config);
        tokens.find(tenant, configId).ifPresent(token -> {
            if (client == null) {
                return; // a bot token has no revocation: forgetting it is the disconnect
            }
            try {
                client.revoke(token);
            } catch (RuntimeException e) {
                // the token is deleted below either way; the provider side expires or stays revoked
            }
        });
        tokens.delete(tenant, configId);
        if (!configs.setConnection(tenant, configId, null)) {
            throw IntegrationConfigService.notFound(configId);
        }
        return config.withConnection(null);
    }

    private IntegrationConfig find(TenantId tenant, UUID configId) {
        return configs.find(tenant, configId).orElseThrow(() -> IntegrationConfigService.notFound(configId));
    }

    private OAuthClient clientOf(IntegrationConfig config) {
        OAuthClient client = clients.get(config.provider());
        if (client == null) {
            throw new RefusedException("oauth-not-supported",
                    "Integration configs of provider " + config.provider() + " have no OAuth connection");
        }
        return client;
    }

    private static RefusedException invalidState(String why) {
        return new RefusedException("oauth-state-invalid", "The OAuth state " + why);
    }
}
