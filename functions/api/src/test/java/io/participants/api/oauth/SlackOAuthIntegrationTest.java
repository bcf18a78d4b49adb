package io.participants.api.oauth;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.participants.api.avatars.AvatarStubs;
import io.participants.api.secrets.SecretsManagerStub;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.LocalDynamo;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import io.participants.api.testing.ApiResponse;
import io.participants.domain.common.TenantId;
import io.participants.domain.connection.OAuthState;
import io.participants.domain.connection.SignedStates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.participants.api.errors.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's Slack connection through the real handler: :authorize, the public callback with a good, reused,
 * expired and forged state, Slack's refusals, :disconnect, and the key status participants show. Slack is WireMock
 * (answers shaped as the recorded oauth.v2.access fixture), Secrets Manager a stub of its JSON protocol.
 */
class SlackOAuthIntegrationTest {

    private static final String TENANT = "acme";
    private static final String BOT_TOKEN = "xoxb-17-0123456789-oauthIssuedTokenValue";

    private static AvatarStubs stubs;
    private static ApiHarness api;

    private String config;

    @BeforeAll
    static void start() {
        stubs = new AvatarStubs();
        api = stubs.harness();
    }

    @AfterAll
    static void stop() {
        api.close();
        stubs.close();
    }

    @BeforeEach
    void slackConfig() {
        stubs.reset();
        stubs.storeAppSecrets();
        config = api.request("POST", "/v1/tenants/" + TENANT + "/integrations/configs")
                .jsonBody(Map.of("provider", "SLACK", "name", "Acme Slack")).send().field("id");
        stubs.slack().stubFor(post(urlPathEqualTo("/api/oauth.v2.access")).willReturn(okJson(oauthAccess())));
    }

    @Test
    void authorizeAnswersSlacksConsentPageWithASignedState() {
        ApiResponse authorized = authorize(config);

        assertThat(authorized.status()).as(authorized.toString()).isEqualTo(200);
        assertThat(authorized.header("Cache-Control")).isEqualTo("no-store");
        URI url = URI.create(authorized.field("authorizationUrl"));
        assertThat(url.getPath()).isEqualTo("/oauth/v2/authorize");
        Map<String, String> query = query(url);
        assertThat(query).containsEntry("client_id", AvatarStubs.CLIENT_ID)
                .containsEntry("scope", "users:read")
                .containsEntry("redirect_uri", ApiHarness.REDIRECT_URI)
                .containsKey("state");
        OAuthState state = states(AvatarStubs.STATE_KEY).decode(query.get("state")).orElseThrow();
        assertThat(state.tenant().value()).isEqualTo(TENANT);
        assertThat(state.integrationConfigId()).hasToString(config);
        long expiresAt = authorized.json().get("expiresAt").getLongValue();
        assertThat(state.expiresAt()).isEqualTo(expiresAt).isLessThanOrEqualTo(System.currentTimeMillis() + 600_000);
        assertThat(authorized.body()).doesNotContain(AvatarStubs.CLIENT_SECRET);
    }

    @Test
    void aGoodCallbackStoresTheTokenAndMarksTheConfigConnected() {
        String state = stateOf(authorize(config));

        ApiResponse callback = callback("code-4021", state);

        assertThat(callback.status()).as(callback.toString()).isEqualTo(200);
        assertThat(callback.header("Cache-Control")).isEqualTo("no-store");
        assertThat(callback.body()).doesNotContain(BOT_TOKEN);
        assertThat(connection(callback)).containsEntry("status", "CONNECTED").containsEntry("teamId", "T04ACME01")
                .containsEntry("keyPrefix", "xoxb-…");
        // the code went to oauth.v2.access with the app's credentials as HTTP Basic
        stubs.slack().verify(1, postRequestedFor(urlPathEqualTo("/api/oauth.v2.access"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString(
                        (AvatarStubs.CLIENT_ID + ":" + AvatarStubs.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8))))
                .withRequestBody(containing("code=code-4021")));
        var created = stubs.secrets().requests(SecretsManagerStub.called("CreateSecret"));
        assertThat(created).singleElement().satisfies(request -> {
            assertThat(SecretsManagerStub.field(request, "Name"))
                    .isEqualTo("participants/tenants/acme/integrations/" + config + "/token");
            assertThat(SecretsManagerStub.field(request, "SecretString")).contains(BOT_TOKEN).contains("T04ACME01")
                    .contains("B04BOT0001");
        });
        assertThat(connection(getConfig(config))).containsEntry("status", "CONNECTED");
    }

    @Test
    void aReusedStateIsRefusedAndStoresNothingMore() {
        String state = stateOf(authorize(config));
        assertThat(callback("code-1", state).status()).isEqualTo(200);

        ApiResponse again = callback("code-2", state);

        assertProblem(again, 400, "oauth-state-invalid");
        assertThat(again.field("detail")).contains("already used");
        stubs.slack().verify(1, postRequestedFor(urlPathEqualTo("/api/oauth.v2.access")));
        stubs.secrets().verify(1, SecretsManagerStub.called("CreateSecret"));
    }

    @Test
    void anExpiredStateIsRefusedAndStoresNothing() {
        OAuthState issued = states(AvatarStubs.STATE_KEY).decode(stateOf(authorize(config))).orElseThrow();
        String expired = states(AvatarStubs.STATE_KEY).encode(new OAuthState(issued.tenant(),
                issued.integrationConfigId(), issued.nonce(), System.currentTimeMillis() - 1));

        ApiResponse callback = callback("code-1", expired);

        assertProblem(callback, 400, "oauth-state-invalid");
        assertThat(callback.field("detail")).contains("expired");
        assertNothingStored();
    }

    @Test
    void aForgedStateIsRefusedAndStoresNothing() {
        OAuthState issued = states(AvatarStubs.STATE_KEY).decode(stateOf(authorize(config))).orElseThrow();
        String otherKey = states("another-signing-key-another-signing-key").encode(issued);
        String otherTenant = states(AvatarStubs.STATE_KEY).encode(new OAuthState(new TenantId("globex"),
                issued.integrationConfigId(), issued.nonce(), issued.expiresAt()));

        for (String forged : List.of(otherKey, "v1.e30.c2lnbmF0dXJl", "garbage")) {
            ApiResponse callback = callback("code-1", forged);
            assertProblem(callback, 400, "oauth-state-invalid");
            assertThat(callback.field("detail")).contains("not one this service issued");
        }
        // signed with the real key (it leaked, say) but for another tenant: the ledger opened it for acme only
        assertProblem(callback("code-1", otherTenant), 400, "oauth-state-invalid");
        assertNothingStored();
    }

    @Test
    void slacksRefusalOfTheCodeStoresNothing() {
        stubs.slack().stubFor(post(urlPathEqualTo("/api/oauth.v2.access"))
                .willReturn(okJson(AvatarStubs.slackError("invalid_code"))));

        ApiResponse callback = callback("stale-code", stateOf(authorize(config)));

        assertProblem(callback, 400, "oauth-code-rejected");
        stubs.secrets().verify(0, SecretsManagerStub.called("CreateSecret"));
        assertThat(connection(getConfig(config))).containsEntry("status", "NOT_CONNECTED");
    }

    @Test
    void aDeclinedConsentStoresNothing() {
        ApiResponse callback = api.request("GET", "/v1/oauth/slack/callback").anonymous()
                .query("error", "access_denied").query("state", stateOf(authorize(config))).send();

        assertProblem(callback, 400, "oauth-denied");
        assertNothingStored();
    }

    @Test
    void slackFailingIsABadGatewayAndStoresNothing() {
        stubs.slack().stubFor(post(urlPathEqualTo("/api/oauth.v2.access"))
                .willReturn(WireMock.aResponse().withStatus(500)));

        ApiResponse callback = callback("code-1", stateOf(authorize(config)));

        assertThat(callback.status()).as(callback.toString()).isEqualTo(502);
        assertThat(callback.field("type")).isEqualTo("urn:problem-type:participants:provider-unavailable");
        assertNothingStored();
    }

    @Test
    void withoutTheSlackAppSecretAuthorizeIsUnavailableAndNamesNoSecret() {
        stubs.reset();
        // a container of its own: the shared one keeps the secrets it read in its cache for a minute
        try (ApiHarness fresh = stubs.harness()) {
            String fresher = fresh.request("POST", "/v1/tenants/" + TENANT + "/integrations/configs")
                    .jsonBody(Map.of("provider", "SLACK", "name", "Acme Slack")).send().field("id");

            ApiResponse authorized = fresh.request("POST", configPath(fresher) + ":authorize").send();

            assertThat(authorized.status()).as(authorized.toString()).isEqualTo(503);
            assertThat(authorized.field("type")).isEqualTo("urn:problem-type:participants:not-configured");
            assertThat(authorized.header("Retry-After")).isEqualTo("60");
            assertThat(authorized.body()).doesNotContain("participants/slack/app");
        }
    }

    @Test
    void anotherTenantsConfigCannotBeAuthorizedOrDisconnected() {
        assertProblem(api.request("POST", configPath(config) + ":authorize").tenant("globex").send(), 404,
                "not-found");
        assertProblem(api.request("POST", "/v1/tenants/globex/integrations/configs/" + config + ":authorize")
                .tenant("globex").send(), 404, "not-found");
        assertProblem(api.request("POST", "/v1/tenants/globex/integrations/configs/" + config + ":disconnect")
                .tenant("globex").send(), 404, "not-found");
    }

    @Test
    void anEmailConfigHasNoOAuth() {
        String email = api.request("POST", "/v1/tenants/" + TENANT + "/integrations/configs")
                .jsonBody(Map.of("provider", "EMAIL", "name", "Mail")).send().field("id");

        assertProblem(authorize(email), 400, "oauth-not-supported");
        assertThat(connection(getConfig(email))).containsEntry("status", "NOT_APPLICABLE");
    }

    @Test
    void disconnectRevokesTheTokenDeletesItAndBlocksNothing() {
        assertThat(callback("code-1", stateOf(authorize(config))).status()).isEqualTo(200);
        stubs.storeToken(TENANT, config);
        stubs.slack().stubFor(post(urlPathEqualTo("/api/auth.revoke")).willReturn(okJson("{\"ok\":true,\"revoked\":true}")));
        assertProblem(api.request("DELETE", configPath(config)).send(), 409, "integration-config-connected");

        ApiResponse disconnected = api.request("POST", configPath(config) + ":disconnect").send();

        assertThat(disconnected.status()).as(disconnected.toString()).isEqualTo(200);
        assertThat(connection(disconnected)).containsEntry("status", "NOT_CONNECTED").containsEntry("teamId", null);
        stubs.slack().verify(1, postRequestedFor(urlPathEqualTo("/api/auth.revoke"))
                .withHeader("Authorization", equalTo("Bearer " + AvatarStubs.TOKEN)));
        assertThat(stubs.secrets().requests(SecretsManagerStub.called("DeleteSecret"))).singleElement()
                .satisfies(r -> assertThat(SecretsManagerStub.field(r, "SecretId"))
                        .isEqualTo("participants/tenants/acme/integrations/" + config + "/token"));
        assertThat(api.request("DELETE", configPath(config)).send().status()).isEqualTo(204);
    }

    @Test
    void aReconnectOverAStoredTokenPutsTheNewValue() {
        stubs.secrets().stub(SecretsManagerStub.operation("CreateSecret").atPriority(1).willReturn(
                SecretsManagerStub.error("ResourceExistsException", "The secret already exists.")));
        stubs.secrets().stub(SecretsManagerStub.operation("PutSecretValue").willReturn(SecretsManagerStub.ok(
                "{\"ARN\":\"arn\",\"Name\":\"n\",\"VersionId\":\"v2\",\"VersionStages\":[\"AWSCURRENT\"]}")));

        ApiResponse connected = callback("code-2", stateOf(authorize(config)));

        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        assertThat(connection(connected)).containsEntry("status", "CONNECTED");
        assertThat(stubs.secrets().requests(SecretsManagerStub.called("PutSecretValue"))).singleElement()
                .satisfies(r -> assertThat(SecretsManagerStub.field(r, "SecretString")).contains(BOT_TOKEN));
    }

    @Test
    void aConfigDeletedWhileItsCallbackRunsKeepsNoToken() {
        // the config goes away just as its token is stored, as a concurrent delete would take it
        String table = api.table();
        ExecutionInterceptor deleteTheConfig = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if ("CreateSecret".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                    LocalDynamo.client().deleteItem(b -> b.tableName(table).key(Map.of(
                            "PK", AttributeValue.fromS("T#" + TENANT),
                            "SK", AttributeValue.fromS("CONFIG#" + config))));
                }
            }
        };
        try (ApiHarness racing = stubs.harness(AvatarStubs.guards(), Map.of("participants.table-name", table),
                List.of(deleteTheConfig))) {
            String state = stateOf(racing.request("POST", configPath(config) + ":authorize").send());

            ApiResponse answer = racing.request("GET", "/v1/oauth/slack/callback").anonymous()
                    .query("code", "code-3").query("state", state).send();

            assertThat(answer.status()).as(answer.toString()).isGreaterThanOrEqualTo(400);
            assertThat(stubs.secrets().requests(SecretsManagerStub.called("DeleteSecret"))).singleElement()
                    .satisfies(r -> assertThat(SecretsManagerStub.field(r, "SecretId"))
                            .isEqualTo("participants/tenants/acme/integrations/" + config + "/token"));
        }
    }

    @Test
    void participantsShowTheirConfigsKeyStatusAndARejectedTokenMarksIt() {
        assertThat(callback("code-1", stateOf(authorize(config))).status()).isEqualTo(200);
        stubs.storeToken(TENANT, config);
        String participant = api.request("POST", "/v1/tenants/" + TENANT + "/participants")
                .jsonBody(Map.of("displayName", "Maria", "channels",
                        List.of(Map.of("integrationConfigId", config, "address", "U0123ABCD")))).send().field("id");
        var health = api.request("GET", "/v1/tenants/" + TENANT + "/participants/" + participant).send()
                .json().get("health");
        assertThat(health.get("reachable").getBooleanValue()).isTrue();
        assertThat(health.get("channels").get(0).get("keyStatus").getStringValue()).isEqualTo("ACTIVE");
        assertThat(health.get("channels").get(0).get("keyPrefix").getStringValue()).isEqualTo("xoxb-…");

        stubs.slackAnswers("U0123ABCD", okJson(AvatarStubs.slackError("token_revoked")));
        ApiResponse sync = api.request("POST", "/v1/tenants/" + TENANT + "/participants/" + participant
                + "/avatar:syncFromChannel").jsonBody(Map.of("integrationConfigId", config, "address", "U0123ABCD"))
                .send();

        assertProblem(sync, 400, "token-rejected");
        assertThat(connection(getConfig(config))).containsEntry("status", "TOKEN_REJECTED");
        var after = api.request("GET", "/v1/tenants/" + TENANT + "/participants/" + participant).send()
                .json().get("health");
        assertThat(after.get("reachable").getBooleanValue()).isFalse();
        assertThat(after.get("reason").getStringValue()).isEqualTo("KEY_REJECTED");
        assertThat(after.get("channels").get(0).get("keyStatus").getStringValue()).isEqualTo("REJECTED");
    }

    private void assertNothingStored() {
        stubs.secrets().verify(0, SecretsManagerStub.called("CreateSecret"));
        stubs.secrets().verify(0, SecretsManagerStub.called("PutSecretValue"));
        assertThat(connection(getConfig(config))).containsEntry("status", "NOT_CONNECTED");
    }

    private static ApiResponse authorize(String configId) {
        return api.request("POST", configPath(configId) + ":authorize").send();
    }

    private static ApiResponse callback(String code, String state) {
        return api.request("GET", "/v1/oauth/slack/callback").anonymous().query("code", code).query("state", state)
                .send();
    }

    private static ApiResponse getConfig(String configId) {
        return api.request("GET", configPath(configId)).send();
    }

    private static String configPath(String configId) {
        return "/v1/tenants/" + TENANT + "/integrations/configs/" + configId;
    }

    private static Map<String, String> connection(ApiResponse config) {
        Map<String, String> fields = new LinkedHashMap<>();
        config.json().get("connection").entries().forEach(e -> fields.put(e.getKey(),
                e.getValue().isNull() ? null : e.getValue().coerceStringValue()));
        return fields;
    }

    private static String stateOf(ApiResponse authorized) {
        return query(URI.create(authorized.field("authorizationUrl"))).get("state");
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private static SignedStates states(String key) {
        return new SignedStates(() -> key.getBytes(StandardCharsets.UTF_8));
    }

    /** An oauth.v2.access answer in the shape of the recorded fixture, values filled in. */
    private static String oauthAccess() {
        return """
                {
                  "ok": true,
                  "app_id": "A04APP0001",
                  "authed_user": {"id": "U04OPS0001"},
                  "scope": "users:read",
                  "token_type": "bot",
                  "access_token": "%s",
                  "bot_user_id": "B04BOT0001",
                  "team": {"id": "T04ACME01", "name": "Acme"},
                  "enterprise": null,
                  "is_enterprise_install": false
                }""".formatted(BOT_TOKEN);
    }

}
