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
        assertThat(settings.changeEventsZip()).isEqualTo(root.resolve(Settings.DEFAULT_CHANGE_EVENTS_ZIP));
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
    void aMissingChangeEventsZipIsReportedWithTheBuildCommand() {
        assertThatThrownBy(() -> Synth.with(Map.of("changeEventsZip", "target/no-such.zip")))
                .hasMessageContaining("does not exist").hasMessageContaining("-c changeEventsZip=");
    }

    @Test
    void overridesComeFromContextStringsOrJson() {
        Settings settings = Settings.fromContext(App.Builder.create().context(Map.ofEntries(
                Map.entry("jwtIssuer", "https://i/"), Map.entry("jwtAudience", List.of("x", "y")),
                Map.entry("secretsPrefix", "acme-prod"), Map.entry("tenantClaim", "org"),
                Map.entry("throttleBurstLimit", "20"), Map.entry("throttleRateLimit", 10),
                Map.entry("lambdaZip", "/tmp/some.zip"), Map.entry("changeEventsZip", "/tmp/events.zip"),
                Map.entry("alarmEmail", "ops@example.com"), Map.entry("accountConcurrencyLimit", "3000"),
                Map.entry("apiLatencyP99Ms", 1500))).build().getNode());
        assertThat(settings).isEqualTo(new Settings(Path.of("/tmp/some.zip"), Path.of("/tmp/events.zip"), "https://i/",
                List.of("x", "y"), "acme-prod", "org", 20, 10.0, "ops@example.com", 3000, 1500));
        assertThatThrownBy(() -> Settings.fromContext(App.Builder.create().context(Map.of(
                "jwtIssuer", "https://i/", "jwtAudience", "a", "alarmEmail", "not an address")).build().getNode()))
                .hasMessageContaining("alarmEmail");
        assertThatThrownBy(() -> Settings.fromContext(App.Builder.create().context(Map.of(
                "jwtIssuer", "https://i/", "jwtAudience", "a", "secretsPrefix", "bad prefix")).build().getNode()))
                .hasMessageContaining("secretsPrefix");
    }
}
