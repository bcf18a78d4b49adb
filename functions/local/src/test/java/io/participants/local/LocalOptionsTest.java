package io.participants.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The command line defaults to serving on 8080 with the local issuer and embedded AWS services, takes endpoints from
 * the environment, and refuses what it cannot honour.
 */
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
    void theAutoSyncIntervalTakesShortOrIsoDurationsOfASecondOrMore() {
        assertThat(LocalOptions.parse(new String[0], Map.of()).autoSyncInterval()).isEqualTo(Duration.ofHours(24));
        assertThat(LocalOptions.parse(new String[] {"--auto-sync-interval", "10s"}, Map.of()).autoSyncInterval())
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(LocalOptions.parse(new String[] {"--auto-sync-interval", "5m"}, Map.of()).autoSyncInterval())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(LocalOptions.parse(new String[] {"--auto-sync-interval", "PT2H"}, Map.of()).autoSyncInterval())
                .isEqualTo(Duration.ofHours(2));
        for (String bad : new String[] {"0s", "PT0.5S", "ten", "-5s", "10"}) {
            assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--auto-sync-interval", bad}, Map.of()))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--auto-sync-interval");
        }
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

    @Test
    void awsAndSlackSettingsHaveLocalDefaults() {
        LocalOptions options = LocalOptions.parse(new String[0], Map.of());

        assertThat(options.aws()).isEqualTo(new LocalOptions.Aws(null, null, null, 0, 0,
                "participants-avatars-local", "participants"));
        assertThat(options.slack()).isEqualTo(new LocalOptions.Slack(URI.create("https://slack.com/api"),
                URI.create("https://slack.com"), List.of(), false, null));
    }

    @Test
    void theNewServeOptionsAreRead() {
        LocalOptions options = LocalOptions.parse(new String[] {"--s3-port", "9000", "--secrets-port", "9001",
                "--avatars-bucket", "my-avatars", "--secrets-prefix", "dev/participants",
                "--slack-api-base", "http://127.0.0.1:7000/api", "--slack-oauth-base", "http://127.0.0.1:7000",
                "--slack-image-hosts", " avatars.test , cdn.test,", "--oauth-redirect-uri", "https://dev.test/cb"},
                Map.of());

        assertThat(options.aws()).isEqualTo(new LocalOptions.Aws(null, null, null, 9000, 9001, "my-avatars",
                "dev/participants"));
        assertThat(options.slack()).isEqualTo(new LocalOptions.Slack(URI.create("http://127.0.0.1:7000/api"),
                URI.create("http://127.0.0.1:7000"), List.of("avatars.test", "cdn.test"), false,
                URI.create("https://dev.test/cb")));
    }

    @Test
    void samOptionsNameTheEnvJsonTheHostAndTheBindAddress() {
        LocalOptions defaults = LocalOptions.parse(new String[0], Map.of());
        LocalOptions given = LocalOptions.parse(new String[] {"--sam-env-json", "env.json", "--sam-host", "172.17.0.1",
                "--services-bind", "0.0.0.0"}, Map.of());

        assertThat(defaults.sam()).isEqualTo(new LocalOptions.Sam(null, "host.docker.internal", "127.0.0.1"));
        assertThat(given.sam()).isEqualTo(new LocalOptions.Sam(Path.of("env.json").toAbsolutePath(), "172.17.0.1",
                "0.0.0.0"));
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--services-bind", "all"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--sam-host", "a b"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void insecureImageDownloadsAreForTheNamedStandInHostsOnly() {
        LocalOptions options = LocalOptions.parse(new String[] {"--slack-image-hosts", "127.0.0.1",
                "--insecure-image-downloads"}, Map.of());

        assertThat(options.slack().imageHosts()).containsExactly("127.0.0.1");
        assertThat(options.slack().insecureImageDownloads()).isTrue();
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--insecure-image-downloads"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--insecure-image-downloads needs --image-hosts");
    }

    @Test
    void badValuesOfTheNewOptionsAreRefused() {
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--slack-api-base", "slack.com/api"}, Map.of()))
                .hasMessageContaining("--slack-api-base is not an http(s) URL");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--oauth-redirect-uri", "ftp://x/cb"}, Map.of()))
                .hasMessageContaining("--oauth-redirect-uri");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--slack-image-hosts", " , "}, Map.of()))
                .hasMessageContaining("at least one host");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--avatars-bucket", "Avatars_1"}, Map.of()))
                .hasMessageContaining("--avatars-bucket");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--secrets-prefix", "/participants/"}, Map.of()))
                .hasMessageContaining("--secrets-prefix");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--s3-port", "70000"}, Map.of()))
                .hasMessageContaining("Not a port");
    }

    @Test
    void anEndpointInTheEnvironmentReplacesThatEmbeddedServer() {
        LocalOptions.Aws aws = LocalOptions.parse(new String[0], Map.of(
                "AWS_ENDPOINT_URL_DYNAMODB", "http://localhost:4566",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", " http://127.0.0.1:4567 ")).aws();

        assertThat(aws.dynamoDbEndpoint()).isEqualTo(URI.create("http://localhost:4566"));
        assertThat(aws.s3Endpoint()).isNull();
        assertThat(aws.secretsEndpoint()).isEqualTo(URI.create("http://127.0.0.1:4567"));
    }

    @Test
    void theGeneralEndpointServesEveryServiceWithoutItsOwn() {
        LocalOptions.Aws aws = LocalOptions.parse(new String[0], Map.of(
                "AWS_ENDPOINT_URL", "http://localhost:4566", "AWS_ENDPOINT_URL_S3", "http://localhost:9000")).aws();

        assertThat(aws.dynamoDbEndpoint()).isEqualTo(URI.create("http://localhost:4566"));
        assertThat(aws.s3Endpoint()).isEqualTo(URI.create("http://localhost:9000"));
        assertThat(aws.secretsEndpoint()).isEqualTo(URI.create("http://localhost:4566"));
    }

    @Test
    void endpointsAreIgnoredWhenTheSdkWouldIgnoreThem() {
        LocalOptions.Aws aws = LocalOptions.parse(new String[0], Map.of("AWS_ENDPOINT_URL_S3", "http://localhost:9000",
                "AWS_ENDPOINT_URL_DYNAMODB", "", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE")).aws();

        assertThat(aws.s3Endpoint()).isNull();
        assertThat(LocalOptions.endpoint(Map.of("AWS_ENDPOINT_URL_DYNAMODB", " "), "AWS_ENDPOINT_URL_DYNAMODB"))
                .isNull();
    }

    @Test
    void aBadEndpointIsReportedByItsVariable() {
        assertThatThrownBy(() -> LocalOptions.parse(new String[0], Map.of("AWS_ENDPOINT_URL_S3", "localhost:9000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS_ENDPOINT_URL_S3 is not an http(s) URL");
    }

    @Test
    void slackAppNeedsTheClientIdAndOneSecret() {
        LocalOptions options = LocalOptions.parse(new String[] {"slack-app", "--client-id", "123.456",
                "--client-secret", "hunter2"}, Map.of());

        assertThat(options.command()).isEqualTo(LocalOptions.Command.SLACK_APP);
        assertThat(options.slackApp().clientId()).isEqualTo("123.456");
        assertThat(options.slackApp().clientSecret()).isEqualTo("hunter2");
        assertThat(options.toString()).doesNotContain("hunter2");
        assertThat(LocalOptions.parse(new String[] {"slack-app", "--client-id", "1", "--client-secret-file", "s.txt"},
                Map.of()).slackApp().clientSecretFile()).isEqualTo(Path.of("s.txt"));

        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"slack-app", "--client-secret", "x"}, Map.of()))
                .hasMessageContaining("--client-id");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"slack-app", "--client-id", "1"}, Map.of()))
                .hasMessageContaining("one of --client-secret and --client-secret-file");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"slack-app", "--client-id", "1",
                "--client-secret", "x", "--client-secret-file", "f"}, Map.of()))
                .hasMessageContaining("one of --client-secret and --client-secret-file");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"slack-app", "--client-id", "1",
                "--client-secret", "x", "--in-memory"}, Map.of()))
                .hasMessageContaining("--in-memory");
    }

    @Test
    void slackAppRefusesToWriteAFileTheEnvironmentMakesLocalModeIgnore(@TempDir Path dir) {
        LocalOptions options = LocalOptions.parse(new String[] {"slack-app", "--data-dir", dir.toString(),
                "--client-id", "1", "--client-secret", "x"}, Map.of("AWS_ENDPOINT_URL", "http://localhost:4566"));

        assertThatThrownBy(() -> SlackAppCommand.run(options, InputStream.nullInputStream()))
                .hasMessageContaining("AWS_ENDPOINT_URL_SECRETS_MANAGER");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void microsoftAppStoresTheCredentialsAndTheDirectoryTenant(@TempDir Path dir) throws Exception {
        LocalOptions options = LocalOptions.parse(new String[] {"microsoft-app", "--data-dir", dir.toString(),
                "--client-id", "0a1b2c3d", "--client-secret", "s3cret",
                "--directory-tenant", "contoso.onmicrosoft.com"},
                Map.of());

        String name = SlackAppCommand.run(options, InputStream.nullInputStream());

        assertThat(options.command()).isEqualTo(LocalOptions.Command.MICROSOFT_APP);
        assertThat(name).isEqualTo("participants/microsoft/app");
        String stored = LocalSecrets.inDirectory(SlackAppCommand.secretsDir(dir), java.time.Clock.systemUTC())
                .value(name, null, null).secretString();
        assertThat(stored).contains("\"clientId\":\"0a1b2c3d\"", "\"clientSecret\":\"s3cret\"",
                "\"directoryTenant\":\"contoso.onmicrosoft.com\"");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"microsoft-app", "--client-id", "1"}, Map.of()))
                .hasMessageContaining("microsoft-app needs one of");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--directory-tenant", "x"}, Map.of()))
                .hasMessageContaining("microsoft-app");
    }

    @Test
    void microsoftBasesPointTheHandlerAtStandIns() {
        LocalOptions options = LocalOptions.parse(new String[] {"--microsoft-login-base", "http://127.0.0.1:9001",
                "--microsoft-graph-base", "http://127.0.0.1:9002/v1.0"}, Map.of());

        assertThat(options.microsoft().loginBase()).hasToString("http://127.0.0.1:9001");
        assertThat(options.microsoft().graphBase()).hasToString("http://127.0.0.1:9002/v1.0");
    }

    @Test
    void theHelpDescribesEveryOption() {
        for (String option : List.of("--s3-port", "--secrets-port", "--avatars-bucket", "--secrets-prefix",
                "--slack-api-base", "--slack-oauth-base", "--slack-image-hosts", "--oauth-redirect-uri", "--image-hosts",
                "--telegram-api-base", "--gravatar-base",
                "--client-id", "--client-secret", "--client-secret-file", "AWS_ENDPOINT_URL_DYNAMODB",
                "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_SECRETS_MANAGER", "microsoft-app", "--directory-tenant",
                "--microsoft-login-base", "--microsoft-graph-base")) {
            assertThat(LocalOptions.USAGE).contains(option);
        }
    }
}
