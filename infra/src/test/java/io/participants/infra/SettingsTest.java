package io.participants.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Context values: defaults, overrides, and what is required. */
class SettingsTest {

    @Test
    void defaultsApplyAndRelativeZipResolvesAgainstTheRepositoryRoot() {
        App app = App.Builder.create().context(Map.of("jwtIssuer", "https://i/", "jwtAudience", "a, b")).build();
        Settings settings = Settings.fromContext(app.getNode());
        Path root = Settings.repositoryRoot();
        assertThat(root.resolve("cdk.json")).exists();
        assertThat(settings.lambdaZip()).isEqualTo(root.resolve(Settings.DEFAULT_LAMBDA_ZIP));
        assertThat(settings.jwtAudience()).containsExactly("a", "b");
        assertThat(settings.secretsPrefix()).isEqualTo("participants");
        assertThat(settings.tenantClaim()).isEqualTo("tenant_id");
        assertThat(settings.throttleBurst()).isEqualTo(100);
        assertThat(settings.throttleRate()).isEqualTo(50.0);
    }

    @Test
    void issuerAndAudienceAreRequired() {
        assertThatThrownBy(() -> Settings.fromContext(App.Builder.create()
                .context(Map.of("jwtAudience", "a")).build().getNode()))
                .hasMessageContaining("jwtIssuer");
        assertThatThrownBy(() -> Settings.fromContext(App.Builder.create()
                .context(Map.of("jwtIssuer", "https://i/")).build().getNode()))
                .hasMessageContaining("jwtAudience");
    }

    @Test
    void aMissingLambdaZipIsReportedWithTheBuildCommand() {
        assertThatThrownBy(() -> Synth.with(Map.of("lambdaZip", "target/no-such.zip")))
                .hasMessageContaining("does not exist").hasMessageContaining("-c lambdaZip=");
    }

    @Test
    void overridesComeFromContextStringsOrJson() {
        Settings settings = Settings.fromContext(App.Builder.create().context(Map.of(
                "jwtIssuer", "https://i/", "jwtAudience", List.of("x", "y"), "secretsPrefix", "acme-prod",
                "tenantClaim", "org", "throttleBurstLimit", "20", "throttleRateLimit", 10,
                "lambdaZip", "/tmp/some.zip", "alarmEmail", "ops@example.com", "accountConcurrencyLimit", "3000",
                "apiLatencyP99Ms", 1500)).build().getNode());
        assertThat(settings).isEqualTo(new Settings(Path.of("/tmp/some.zip"), "https://i/", List.of("x", "y"),
                "acme-prod", "org", 20, 10.0, "ops@example.com", 3000, 1500));
        assertThatThrownBy(() -> Settings.fromContext(App.Builder.create().context(Map.of(
                "jwtIssuer", "https://i/", "jwtAudience", "a", "alarmEmail", "not an address")).build().getNode()))
                .hasMessageContaining("alarmEmail");
        assertThatThrownBy(() -> Settings.fromContext(App.Builder.create().context(Map.of(
                "jwtIssuer", "https://i/", "jwtAudience", "a", "secretsPrefix", "bad prefix")).build().getNode()))
                .hasMessageContaining("secretsPrefix");
    }
}
