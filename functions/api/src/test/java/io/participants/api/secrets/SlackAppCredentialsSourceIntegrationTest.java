package io.participants.api.secrets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static io.participants.api.secrets.SecretsManagerStub.called;
import static io.participants.api.secrets.SecretsManagerStub.error;
import static io.participants.api.secrets.SecretsManagerStub.operation;
import static io.participants.api.secrets.SecretsManagerStub.secretValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class SlackAppCredentialsSourceIntegrationTest {

    private static final String NAME = SlackAppCredentialsSource.defaultSecretName("participants-test");
    private static final String CLIENT_SECRET = "c1i3ntS3cretValue";
    private static final String SIGNING_KEY = "s1gn1ngK3yValue";

    private SecretsManagerStub stub;
    private MutableClock clock;
    private SlackAppCredentialsSource source;

    @BeforeEach
    void start() {
        stub = new SecretsManagerStub();
        clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        source = new SlackAppCredentialsSource(stub.client(), NAME, clock, Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void readsClientIdAndSecretFromTheAppSecret() {
        stub.stub(operation("GetSecretValue").willReturn(secretValue(NAME,
                "{\"clientId\":\"123.456\",\"clientSecret\":\"" + CLIENT_SECRET + "\"}")));

        SlackAppCredentials credentials = source.get();

        assertThat(NAME).isEqualTo("participants-test/slack/app");
        assertThat(credentials).isEqualTo(new SlackAppCredentials("123.456", CLIENT_SECRET, null));
        stub.verify(1, called("GetSecretValue").withRequestBody(equalToJson("{\"SecretId\":\"" + NAME + "\"}")));
    }

    @Test
    void readsTheOptionalSigningKey() {
        stub.stub(operation("GetSecretValue").willReturn(secretValue(NAME, "{\"clientId\":\"123.456\","
                + "\"clientSecret\":\"" + CLIENT_SECRET + "\",\"signingKey\":\"" + SIGNING_KEY + "\"}")));

        assertThat(source.get().signingKey()).isEqualTo(SIGNING_KEY);
    }

    @Test
    void keepsTheCredentialsForTheTtl() {
        stub.stub(operation("GetSecretValue").willReturn(secretValue(NAME,
                "{\"clientId\":\"123.456\",\"clientSecret\":\"" + CLIENT_SECRET + "\"}")));

        source.get();
        clock.advance(Duration.ofSeconds(30));
        source.get();
        stub.verify(1, called("GetSecretValue"));

        clock.advance(Duration.ofSeconds(30));
        source.get();
        stub.verify(2, called("GetSecretValue"));

        source.invalidate();
        source.get();
        stub.verify(3, called("GetSecretValue"));
    }

    @Test
    void aMissingSecretIsAClearError() {
        stub.stub(operation("GetSecretValue")
                .willReturn(error("ResourceNotFoundException", "Secrets Manager can't find the specified secret.")));

        assertThat(catchThrowable(source::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(NAME)
                .hasMessageContaining("does not exist");
    }

    @Test
    void aSecretWithoutClientSecretIsAClearErrorThatDoesNotQuoteIt() {
        stub.stub(operation("GetSecretValue").willReturn(secretValue(NAME,
                "{\"clientId\":\"123.456\",\"client_secret\":\"" + CLIENT_SECRET + "\"}")));

        Throwable thrown = catchThrowable(source::get);

        assertThat(thrown).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(NAME)
                .hasMessageContaining("clientSecret")
                .hasMessageNotContaining(CLIENT_SECRET);
    }

    @Test
    void unparsableSecretIsAClearErrorThatDoesNotQuoteIt() {
        stub.stub(operation("GetSecretValue").willReturn(secretValue(NAME,
                "{\"clientId\":\"123.456\",\"clientSecret\":" + CLIENT_SECRET + "}")));

        Throwable thrown = catchThrowable(source::get);

        assertThat(thrown).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(NAME)
                .hasMessageNotContaining(CLIENT_SECRET)
                .hasNoCause();
    }

    @Test
    void toStringNeverShowsTheSecrets() {
        SlackAppCredentials credentials = new SlackAppCredentials("123.456", CLIENT_SECRET, SIGNING_KEY);

        assertThat(credentials.toString()).contains("123.456")
                .doesNotContain(CLIENT_SECRET)
                .doesNotContain(SIGNING_KEY);
        assertThat(source.toString()).contains(NAME);
    }
}
