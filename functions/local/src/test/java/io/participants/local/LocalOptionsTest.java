package io.participants.local;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line defaults to serving on 8080 with the local issuer, and refuses what it cannot honour. */
class LocalOptionsTest {

    @Test
    void noArgumentsServeWithTheDefaults() {
        LocalOptions options = LocalOptions.parse(new String[0], Map.of());

        assertThat(options.command()).isEqualTo(LocalOptions.Command.SERVE);
        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.dataDir()).isEqualTo(Path.of(".local-data").toAbsolutePath());
        assertThat(options.inMemory()).isFalse();
        assertThat(options.table()).isEqualTo("participants");
        assertThat(options.issuer()).isEqualTo("participants-local");
        assertThat(options.audience()).isEqualTo("participants-api");
        assertThat(options.jwksUrl()).isNull();
    }

    @Test
    void thePortComesFromTheEnvironmentUnlessGiven() {
        assertThat(LocalOptions.parse(new String[] {"serve"}, Map.of("PORT", "9090")).port()).isEqualTo(9090);
        assertThat(LocalOptions.parse(new String[] {"serve", "--port", "0"}, Map.of("PORT", "9090")).port()).isZero();
    }

    @Test
    void aTokenDefaultsToEveryScopeOfTheApi() {
        LocalOptions options = LocalOptions.parse(new String[] {"token", "--tenant", "acme", "--ttl", "60"}, Map.of());

        assertThat(options.command()).isEqualTo(LocalOptions.Command.TOKEN);
        assertThat(options.scopes()).containsExactly("conversations:read", "conversations:write", "integrations:admin",
                "participants:read", "participants:write");
        assertThat(options.ttl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.subject()).isEqualTo("dev-user");
    }

    @Test
    void aRealIssuerNeedsItsIssuerAndAudience() {
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--jwks-url", "http://127.0.0.1:1/jwks"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--issuer and --audience");

        LocalOptions options = LocalOptions.parse(new String[] {"--jwks-url", "http://127.0.0.1:1/jwks",
                "--issuer", "https://idp.test/", "--audience", "api"}, Map.of());
        assertThat(options.jwksUrl()).isEqualTo(URI.create("http://127.0.0.1:1/jwks"));
    }

    @Test
    void misuseIsReported() {
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"token"}, Map.of()))
                .hasMessageContaining("--tenant");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--port", "http"}, Map.of()))
                .hasMessageContaining("Not a port");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--verbose"}, Map.of()))
                .hasMessageContaining("Unknown option");
    }
}
