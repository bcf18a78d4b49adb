package io.participants.domain.connection;

import io.participants.domain.common.NotFoundException;
import io.participants.domain.common.RefusedException;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.ValidationException;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.IntegrationConfigService;
import io.participants.domain.integration.Provider;
import io.participants.domain.testing.InMemoryIntegrationConfigStore;
import io.participants.domain.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OAuth connection use cases: authorize, the callback's checks in order, and disconnect. */
class ConnectionServiceTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId GLOBEX = new TenantId("globex");
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final TestClock clock = new TestClock(1_700_000_000_000L);
    private final InMemoryIntegrationConfigStore configs = new InMemoryIntegrationConfigStore();
    private final Tokens tokens = new Tokens();
    private final Ledger ledger = new Ledger();
    private final FakeSlack slack = new FakeSlack();
    private final ConnectionService service = new ConnectionService(configs, tokens, List.of(slack),
            new SignedStates(() -> KEY), ledger, clock);
    private IntegrationConfig config;

    @BeforeEach
    void config() {
        config = new IntegrationConfigService(configs, clock).create(ACME, "SLACK", "Acme Slack");
    }

    @Test
    void aGoodCallbackStoresTheTokenAndMarksTheConfigConnected() {
        String state = stateOf(service.authorize(ACME, config.id()).url());

        IntegrationConfig connected = service.complete(Provider.SLACK, "code-1", state, null);

        assertThat(connected.connectionState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(connected.connection().teamId()).isEqualTo("T0001");
        assertThat(connected.connection().keyPrefix()).isEqualTo("xoxb-…");
        assertThat(configs.find(ACME, config.id()).orElseThrow().connection()).isEqualTo(connected.connection());
        assertThat(tokens.stored).containsOnlyKeys(ACME.value() + "/" + config.id());
        assertThat(slack.exchanged).containsExactly("code-1");
    }

    @Test
    void aStateWorksOnce() {
        String state = stateOf(service.authorize(ACME, config.id()).url());
        service.complete(Provider.SLACK, "code-1", state, null);
        tokens.stored.clear();

        assertRefused(() -> service.complete(Provider.SLACK, "code-2", state, null), "already used");
        assertThat(tokens.stored).isEmpty();
        assertThat(slack.exchanged).containsExactly("code-1");
    }

    @Test
    void anExpiredStateIsRefusedAndStoresNothing() {
        String state = stateOf(service.authorize(ACME, config.id()).url());
        clock.advance(ConnectionService.STATE_LIFETIME.toMillis() + 1);

        assertRefused(() -> service.complete(Provider.SLACK, "code-1", state, null), "expired");
        assertThat(tokens.stored).isEmpty();
        assertThat(slack.exchanged).isEmpty();
        assertThat(configs.find(ACME, config.id()).orElseThrow().connection()).isNull();
    }

    @Test
    void aStateSignedWithAnotherKeyOrAlteredIsForged() {
        String genuine = stateOf(service.authorize(ACME, config.id()).url());
        OAuthState claims = new SignedStates(() -> KEY).decode(genuine).orElseThrow();
        String otherKey = new SignedStates(() -> "another-key-another-key-another-key".getBytes(StandardCharsets.US_ASCII))
                .encode(claims);
        String[] parts = genuine.split("\\.");
        String retargeted = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("globex|" + config.id() + "|" + claims.nonce() + "|" + claims.expiresAt())
                        .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        for (String forged : List.of(otherKey, retargeted, "v1.e30.AAAA", "not-a-state", genuine + "x")) {
            assertRefused(() -> service.complete(Provider.SLACK, "code-1", forged, null), "not one this service issued");
        }
        assertThat(slack.exchanged).isEmpty();
        assertThat(tokens.stored).isEmpty();
    }

    @Test
    void aStateIsBoundToItsTenantAndConfig() {
        IntegrationConfig other = new IntegrationConfigService(configs, clock).create(GLOBEX, "SLACK", "Globex");
        OAuthState issued = new SignedStates(() -> KEY).decode(stateOf(service.authorize(ACME, config.id()).url()))
                .orElseThrow();
        // correctly signed, but the ledger opened the nonce for acme's config only
        String moved = new SignedStates(() -> KEY).encode(
                new OAuthState(GLOBEX, other.id(), issued.nonce(), issued.expiresAt()));

        assertRefused(() -> service.complete(Provider.SLACK, "code-1", moved, null), "already used");
        assertThat(tokens.stored).isEmpty();
    }

    @Test
    void aDeclinedGrantStoresNothingAndUsesTheStateUp() {
        String state = stateOf(service.authorize(ACME, config.id()).url());

        assertThatThrownBy(() -> service.complete(Provider.SLACK, null, state, "access_denied"))
                .isInstanceOfSatisfying(RefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo("oauth-denied");
                    assertThat(e.getMessage()).endsWith("access_denied");
                });
        assertThat(tokens.stored).isEmpty();
        assertRefused(() -> service.complete(Provider.SLACK, "code-1", state, null), "already used");
    }

    @Test
    void theProvidersErrorTextIsNotEchoedWhenItIsNotAPlainCode() {
        String state = stateOf(service.authorize(ACME, config.id()).url());

        assertThatThrownBy(() -> service.complete(Provider.SLACK, null, state, "<script>alert(1)</script>"))
                .hasMessageEndingWith("unknown_error");
    }

    @Test
    void aMissingStateOrCodeIsAValidationError() {
        assertThatThrownBy(() -> service.complete(Provider.SLACK, "code", null, null))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> service.complete(Provider.SLACK, null, "v1.a.b", null))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void aConfigDeletedBeforeTheCallbackKeepsNoToken() {
        String state = stateOf(service.authorize(ACME, config.id()).url());
        configs.delete(ACME, config.id());

        assertThatThrownBy(() -> service.complete(Provider.SLACK, "code-1", state, null))
                .isInstanceOf(NotFoundException.class);
        assertThat(tokens.stored).isEmpty();
    }

    @Test
    void onlyProvidersWithAnOAuthClientCanBeAuthorized() {
        IntegrationConfig email = new IntegrationConfigService(configs, clock).create(ACME, "EMAIL", "Mail");

        assertThatThrownBy(() -> service.authorize(ACME, email.id()))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo("oauth-not-supported"));
        assertThatThrownBy(() -> service.authorize(GLOBEX, config.id())).isInstanceOf(NotFoundException.class);
        assertThat(ledger.open).isEmpty();
    }

    @Test
    void disconnectRevokesDeletesAndClearsTheConnection() {
        service.complete(Provider.SLACK, "code-1", stateOf(service.authorize(ACME, config.id()).url()), null);

        IntegrationConfig disconnected = service.disconnect(ACME, config.id());

        assertThat(disconnected.connectionState()).isEqualTo(ConnectionState.NOT_CONNECTED);
        assertThat(configs.find(ACME, config.id()).orElseThrow().connection()).isNull();
        assertThat(tokens.stored).isEmpty();
        assertThat(slack.revoked).containsExactly("xoxb-secret-1");
    }

    @Test
    void disconnectDeletesTheTokenEvenWhenTheProviderCannotRevokeIt() {
        service.complete(Provider.SLACK, "code-1", stateOf(service.authorize(ACME, config.id()).url()), null);
        slack.revokeFails = true;

        service.disconnect(ACME, config.id());

        assertThat(tokens.stored).isEmpty();
        assertThat(configs.find(ACME, config.id()).orElseThrow().connection()).isNull();
    }

    @Test
    void disconnectingATwiceOrNeverConnectedConfigIsANoOp() {
        assertThat(service.disconnect(ACME, config.id()).connection()).isNull();
        assertThat(slack.revoked).isEmpty();
    }

    private static String stateOf(URI authorizationUrl) {
        String query = authorizationUrl.getRawQuery();
        return query.substring(query.indexOf("state=") + "state=".length());
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String why) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RefusedException.class, e -> {
            assertThat(e.reason()).isEqualTo("oauth-state-invalid");
            assertThat(e.getMessage()).contains(why);
        });
    }

    private static final class FakeSlack implements OAuthClient {
        final List<String> exchanged = new ArrayList<>();
        final List<String> revoked = new ArrayList<>();
        boolean revokeFails;

        @Override
        public Provider provider() {
            return Provider.SLACK;
        }

        @Override
        public URI authorizationUrl(String state) {
            return URI.create("https://slack.test/oauth/v2/authorize?client_id=c&state=" + state);
        }

        @Override
        public ProviderToken exchange(String code) {
            exchanged.add(code);
            return new ProviderToken("xoxb-secret-" + exchanged.size(), "T0001", "B0001", List.of("users:read"));
        }

        @Override
        public void revoke(ProviderToken token) {
            if (revokeFails) {
                throw new IllegalStateException("slack is down");
            }
            revoked.add(token.accessToken());
        }
    }

    private static final class Tokens implements ProviderTokenStore {
        final Map<String, ProviderToken> stored = new HashMap<>();

        @Override
        public Optional<ProviderToken> find(TenantId tenant, UUID configId) {
            return Optional.ofNullable(stored.get(tenant.value() + "/" + configId));
        }

        @Override
        public void save(TenantId tenant, UUID configId, ProviderToken token) {
            stored.put(tenant.value() + "/" + configId, token);
        }

        @Override
        public boolean delete(TenantId tenant, UUID configId) {
            return stored.remove(tenant.value() + "/" + configId) != null;
        }
    }

    private static final class Ledger implements OAuthStateLedger {
        final Map<String, OAuthState> open = new HashMap<>();

        @Override
        public void open(OAuthState state) {
            open.put(state.nonce(), state);
        }

        @Override
        public boolean consume(OAuthState state) {
            OAuthState opened = open.get(state.nonce());
            if (opened == null || !opened.tenant().equals(state.tenant())
                    || !opened.integrationConfigId().equals(state.integrationConfigId())) {
                return false;
            }
            return open.remove(state.nonce()) != null;
        }
    }
}
