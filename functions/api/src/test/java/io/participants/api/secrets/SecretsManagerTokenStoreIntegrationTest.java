package io.participants.api.secrets;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.participants.domain.common.TenantId;
import io.participants.domain.connection.ProviderToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static io.participants.api.secrets.SecretsManagerStub.called;
import static io.participants.api.secrets.SecretsManagerStub.error;
import static io.participants.api.secrets.SecretsManagerStub.field;
import static io.participants.api.secrets.SecretsManagerStub.ok;
import static io.participants.api.secrets.SecretsManagerStub.operation;
import static io.participants.api.secrets.SecretsManagerStub.secretValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class SecretsManagerTokenStoreIntegrationTest {

    private static final String ACCESS_TOKEN = "xoxb-1111-2222-s3cr3tT0kenValue";
    private static final TenantId TENANT = new TenantId("acme");
    private static final UUID CONFIG = UUID.fromString("7d2c8a1e-4b5f-4c3a-9e1d-2f6b8c0a1d3e");
    private static final String NAME = "participants-test/tenants/acme/integrations/" + CONFIG + "/token";
    private static final ProviderToken TOKEN =
            new ProviderToken(ACCESS_TOKEN, "T0123", "U0456", List.of("users:read", "chat:write"));
    private static final String TOKEN_JSON = "{\"accessToken\":\"" + ACCESS_TOKEN + "\",\"teamId\":\"T0123\","
            + "\"botUserId\":\"U0456\",\"scopes\":[\"users:read\",\"chat:write\"]}";

    private SecretsManagerStub stub;
    private MutableClock clock;
    private SecretsManagerTokenStore store;

    @BeforeEach
    void start() {
        stub = new SecretsManagerStub();
        clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        store = new SecretsManagerTokenStore(stub.client(), "participants-test", clock, Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void namesTheSecretAfterTenantAndConfig() {
        assertThat(store.secretName(TENANT, CONFIG)).isEqualTo(NAME);
    }

    @Test
    void findReadsTheTokenFromTheSecretOfTenantAndConfig() {
        stub.stub(operation("GetSecretValue").willReturn(secretValue(NAME, TOKEN_JSON)));

        Optional<ProviderToken> found = store.find(TENANT, CONFIG);

        // the secret's version comes along, for a later compare-and-set
        assertThat(found).contains(TOKEN.withVersion("v1"));
        stub.verify(1, called("GetSecretValue").withRequestBody(equalToJson("{\"SecretId\":\"" + NAME + "\"}")));
    }

    @Test
    void findIgnoresUnknownFieldsAndToleratesMissingScopes() {
        stub.stub(operation("GetSecretValue").willReturn(secretValue(NAME,
                "{\"accessToken\":\"" + ACCESS_TOKEN + "\",\"teamId\":\"T0123\",\"extra\":{\"a\":[1,2]}}")));

        assertThat(store.find(TENANT, CONFIG))
                .contains(new ProviderToken(ACCESS_TOKEN, "T0123", null, List.of()).withVersion("v1"));
    }

    @Test
    void findIsEmptyWhenNoSecretExists() {
        stub.stub(operation("GetSecretValue")
                .willReturn(error("ResourceNotFoundException", "Secrets Manager can't find the specified secret.")));

        assertThat(store.find(TENANT, CONFIG)).isEmpty();
    }

    @Test
    void saveCreatesASecretTaggedWithTenantAndConfig() {
        stub.stub(operation("CreateSecret").willReturn(ok("{\"ARN\":\"arn\",\"Name\":\"" + NAME + "\"}")));

        store.save(TENANT, CONFIG, TOKEN);

        stub.verify(1, called("CreateSecret")
                .withRequestBody(matchingJsonPath("$.Name", equalTo(NAME)))
                .withRequestBody(matchingJsonPath("$.SecretString", equalToJson(TOKEN_JSON)))
                .withRequestBody(matchingJsonPath("$.Tags[?(@.Key == 'tenant' && @.Value == 'acme')]"))
                .withRequestBody(matchingJsonPath(
                        "$.Tags[?(@.Key == 'integrationConfigId' && @.Value == '" + CONFIG + "')]")));
        stub.verify(0, called("PutSecretValue"));
    }

    @Test
    void saveOverAnExistingSecretPutsANewValue() {
        stub.stub(operation("CreateSecret")
                .willReturn(error("ResourceExistsException", "The operation failed because the secret "
                        + NAME + " already exists.")));
        stub.stub(operation("PutSecretValue").willReturn(ok("{\"ARN\":\"arn\",\"Name\":\"" + NAME
                + "\",\"VersionId\":\"v2\",\"VersionStages\":[\"AWSCURRENT\"]}")));

        store.save(TENANT, CONFIG, TOKEN);

        stub.verify(1, called("CreateSecret"));
        stub.verify(1, called("PutSecretValue")
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo(NAME)))
                .withRequestBody(matchingJsonPath("$.SecretString", equalToJson(TOKEN_JSON))));
    }

    @Test
    void aSavedTokenIsFoundAgain() {
        stub.stub(operation("CreateSecret").willReturn(ok("{\"ARN\":\"arn\",\"Name\":\"" + NAME + "\"}")));
        store.save(TENANT, CONFIG, TOKEN);
        LoggedRequest created = stub.requests(called("CreateSecret")).get(0);
        stub.stub(operation("GetSecretValue").willReturn(secretValue(NAME, field(created, "SecretString"))));

        assertThat(store.find(TENANT, CONFIG)).contains(TOKEN.withVersion("v1"));
    }

    @Test
    void aSecondFindWithinTheTtlMakesNoRequest() {
        stub.stub(operation("GetSecretValue").willReturn(secretValue(NAME, TOKEN_JSON)));

        store.find(TENANT, CONFIG);
        clock.advance(Duration.ofSeconds(59));
        assertThat(store.find(TENANT, CONFIG)).contains(TOKEN.withVersion("v1"));

        stub.verify(1, called("GetSecretValue"));
    }

    @Test
    void aFindAfterTheTtlReadsTheSecretAgain() {
        stub.stub(operation("GetSecretValue").willReturn(secretValue(NAME, TOKEN_JSON)));

        store.find(TENANT, CONFIG);
        clock.advance(Duration.ofSeconds(60));
        store.find(TENANT, CONFIG);

        stub.verify(2, called("GetSecretValue"));
    }

    @Test
    void saveInvalidatesTheCache() {
        stub.stub(operation("GetSecretValue").willReturn(secretValue(NAME, TOKEN_JSON)));
        stub.stub(operation("CreateSecret").willReturn(ok("{\"ARN\":\"arn\",\"Name\":\"" + NAME + "\"}")));

        store.find(TENANT, CONFIG);
        store.save(TENANT, CONFIG, TOKEN);
        store.find(TENANT, CONFIG);

        stub.verify(2, called("GetSecretValue"));
    }

    @Test
    void tokensOfOtherConfigsAreCachedApart() {
        UUID other = UUID.fromString("00000000-0000-4000-8000-000000000001");
        String otherName = store.secretName(TENANT, other);
        stub.stub(operation("GetSecretValue").willReturn(secretValue(NAME, TOKEN_JSON)));
        stub.stub(operation("GetSecretValue")
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo(otherName)))
                .willReturn(error("ResourceNotFoundException", "not found")));

        store.find(TENANT, CONFIG);

        assertThat(store.find(TENANT, other)).isEmpty();
    }

    @Test
    void deleteRemovesTheSecretWithoutARecoveryWindow() {
        stub.stub(operation("DeleteSecret").willReturn(ok("{\"ARN\":\"arn\",\"Name\":\"" + NAME
                + "\",\"DeletionDate\":1.7E9}")));

        assertThat(store.delete(TENANT, CONFIG)).isTrue();

        stub.verify(1, called("DeleteSecret").withRequestBody(
                equalToJson("{\"SecretId\":\"" + NAME + "\",\"ForceDeleteWithoutRecovery\":true}")));
    }

    @Test
    void deleteOfAMissingSecretIsFalse() {
        stub.stub(operation("DeleteSecret")
                .willReturn(error("ResourceNotFoundException", "Secrets Manager can't find the specified secret.")));

        assertThat(store.delete(TENANT, CONFIG)).isFalse();
    }

    @Test
    void deleteInvalidatesTheCache() {
        stub.stub(operation("GetSecretValue").willReturn(secretValue(NAME, TOKEN_JSON)));
        stub.stub(operation("DeleteSecret").willReturn(ok("{\"ARN\":\"arn\",\"Name\":\"" + NAME + "\"}")));
        store.find(TENANT, CONFIG);

        store.delete(TENANT, CONFIG);
        stub.stub(operation("GetSecretValue").willReturn(error("ResourceNotFoundException", "gone")));

        assertThat(store.find(TENANT, CONFIG)).isEmpty();
        stub.verify(2, called("GetSecretValue"));
    }

    @Test
    void theTokenNeverShowsInToString() {
        assertThat(TOKEN.toString()).doesNotContain(ACCESS_TOKEN).doesNotContain("s3cr3t");
    }

    @Test
    void aMalformedSecretFailsWithoutQuotingIt() {
        // unquoted, so a parser's own message would echo the token
        stub.stub(operation("GetSecretValue").willReturn(secretValue(NAME,
                "{\"teamId\":\"T0123\",\"accessToken\":" + ACCESS_TOKEN + "}")));

        Throwable thrown = catchThrowable(() -> store.find(TENANT, CONFIG));

        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining(NAME);
        assertNoTrace(thrown);
    }

    @Test
    void aSecretWithoutAnAccessTokenFailsClearly() {
        stub.stub(operation("GetSecretValue").willReturn(secretValue(NAME, "{\"teamId\":\"T0123\"}")));

        assertThat(catchThrowable(() -> store.find(TENANT, CONFIG)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(NAME)
                .hasMessageContaining("accessToken");
    }

    @Test
    void aFailedSaveDoesNotQuoteTheToken() {
        stub.stub(operation("CreateSecret").willReturn(error("InvalidRequestException",
                "You can't create this secret because a secret with this name is already scheduled for deletion.")));

        Throwable thrown = catchThrowable(() -> store.save(TENANT, CONFIG, TOKEN));

        assertThat(thrown).isInstanceOf(SecretsManagerException.class);
        assertNoTrace(thrown);
    }

    private static void assertNoTrace(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(ACCESS_TOKEN).doesNotContain("s3cr3t");
            assertThat(t.toString()).doesNotContain(ACCESS_TOKEN);
            for (Throwable suppressed : t.getSuppressed()) {
                assertThat(suppressed.toString()).doesNotContain(ACCESS_TOKEN);
            }
        }
    }
}
