package io.participants.api.microsoft;

import io.micronaut.json.tree.JsonNode;
import io.participants.api.avatars.AvatarStubs;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.LocalDynamo;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.participants.api.errors.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Teams config connected through the Microsoft identity platform's authorization-code flow (the real handler's
 * :authorize and public callback), then avatars synced from Graph: the photo, the unchanged photo, the seed's 400
 * cases, Graph's faults (429 with and without Retry-After, 5xx, a timeout, an oversized image, HTML as an image, a
 * redirect to an internal address) and another tenant.
 */
class TeamsConnectAndSyncIntegrationTest {

    private static TeamsStubs stubs;
    private static ApiHarness api;

    private String config;
    private String user;
    private String participant;

    @BeforeAll
    static void start() {
        stubs = new TeamsStubs();
        api = stubs.harness();
    }

    @AfterAll
    static void stop() {
        api.close();
        stubs.close();
    }

    @BeforeEach
    void connectedTeamsParticipant() {
        stubs.graph().resetAll();
        config = created(api.request("POST", "/v1/tenants/acme/integrations/configs")
                .jsonBody(Map.of("provider", "MICROSOFT_TEAMS", "name", "Teams " + UUID.randomUUID())).send());
        user = UUID.randomUUID().toString();
        participant = created(api.request("POST", "/v1/tenants/acme/participants")
                .jsonBody(Map.of("displayName", "Teams user", "channels",
                        List.of(Map.of("integrationConfigId", config, "address", user.toUpperCase())))).send());
    }

    @Test
    void authorizeAnswersTheIdentityPlatformsConsentPageWithLeastScopes() {
        ApiResponse authorized = authorize();

        assertThat(authorized.status()).as(authorized.toString()).isEqualTo(200);
        URI url = URI.create(authorized.field("authorizationUrl"));
        assertThat(url.getPath()).isEqualTo("/" + TeamsStubs.DIRECTORY + "/oauth2/v2.0/authorize");
        assertThat(query(url)).containsEntry("client_id", TeamsStubs.CLIENT_ID)
                .containsEntry("response_type", "code")
                .containsEntry("scope", "https://graph.microsoft.com/ProfilePhoto.Read.All offline_access")
                .containsEntry("redirect_uri", "https://participants.test/v1/oauth/microsoft/callback")
                .containsKey("state");
        assertThat(authorized.body()).doesNotContain(TeamsStubs.CLIENT_SECRET);
    }

    @Test
    void theCallbackStoresBothTokensMarksTheConfigConnectedAndTheStateWorksOnce() {
        String state = query(URI.create(authorize().field("authorizationUrl"))).get("state");
        long before = System.currentTimeMillis();

        ApiResponse callback = callback("code-ok", state);

        assertThat(callback.status()).as(callback.toString()).isEqualTo(200);
        assertThat(callback.header("Cache-Control")).isEqualTo("no-store");
        assertThat(callback.json().get("connection").get("status").getStringValue()).isEqualTo("CONNECTED");
        String stored = stubs.secrets().current(TeamsStubs.tokenSecret(config));
        assertThat(stored).contains("\"refreshToken\":\"" + stubs.login().newestRefreshToken() + "\"")
                .contains("\"accessToken\":\"at-");
        long expiresAt = Long.parseLong(stored.replaceAll(".*\"expiresAt\":\"(\\d+)\".*", "$1"));
        assertThat(expiresAt).isBetween(before + 3_500_000, System.currentTimeMillis() + 3_600_000);
        assertThat(callback.body()).doesNotContain(stubs.login().newestRefreshToken());

        assertProblem(callback("code-ok", state), 400, "oauth-state-invalid");
    }

    @Test
    void connectingAgainReplacesTheStoredTokens() {
        connect();
        String first = stubs.secrets().current(TeamsStubs.tokenSecret(config));

        connect();

        String second = stubs.secrets().current(TeamsStubs.tokenSecret(config));
        assertThat(second).isNotEqualTo(first)
                .contains("\"refreshToken\":\"" + stubs.login().newestRefreshToken() + "\"");
    }

    @Test
    void aConfigDeletedWhileItsCallbackRunsKeepsNoToken() {
        // the config goes away just as its tokens are stored, as a concurrent delete would take it
        String table = api.table();
        String deleted = config;
        ExecutionInterceptor deleteTheConfig = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if ("CreateSecret".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                    LocalDynamo.client().deleteItem(b -> b.tableName(table).key(Map.of(
                            "PK", AttributeValue.fromS("T#acme"), "SK", AttributeValue.fromS("CONFIG#" + deleted))));
                }
            }
        };
        try (ApiHarness racing = stubs.harness(Map.of("participants.table-name", table), List.of(deleteTheConfig))) {
            String state = query(URI.create(racing.request("POST", "/v1/tenants/acme/integrations/configs/" + config
                    + ":authorize").send().field("authorizationUrl"))).get("state");

            ApiResponse answer = racing.request("GET", "/v1/oauth/microsoft/callback").anonymous()
                    .query("code", "code-ok").query("state", state).send();

            assertThat(answer.status()).as(answer.toString()).isGreaterThanOrEqualTo(400);
            assertThat(stubs.secrets().current(TeamsStubs.tokenSecret(config))).isNull();
        }
    }

    @Test
    void aRefusedCodeOrConsentStoresNothing() {
        String state = query(URI.create(authorize().field("authorizationUrl"))).get("state");
        assertProblem(callback("code-stale", state), 400, "oauth-code-rejected");
        String denied = query(URI.create(authorize().field("authorizationUrl"))).get("state");
        ApiResponse refused = api.request("GET", "/v1/oauth/microsoft/callback").anonymous()
                .query("error", "access_denied").query("state", denied).send();
        assertProblem(refused, 400, "oauth-denied");
        assertThat(stubs.secrets().current(TeamsStubs.tokenSecret(config))).isNull();
    }

    @Test
    void syncStoresThePhotoAndTheSamePhotoAgainKeepsTheFileId() {
        connect();
        stubs.graphUser(user, "etag1", AvatarStubs.PNG);

        ApiResponse synced = sync(user);

        assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
        assertThat(synced.field("avatarSource")).isEqualTo("CHANNEL_SYNC");
        assertThat(synced.field("avatarSourceConfigId")).isEqualTo(config);
        assertThat(synced.field("avatarSourceAddress")).isEqualTo(user);
        ApiResponse again = sync(user.toUpperCase());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.field("avatarFileId")).isEqualTo(synced.field("avatarFileId"));
        stubs.graph().verify(1, getRequestedFor(urlPathMatching("/v1.0/users/" + user + "/photos/648x648/.*")));
    }

    @Test
    void theSeedsFourBadRequestsHoldForTeams() {
        // not connected
        assertProblem(sync(user), 400, "not-connected");
        connect();
        // no photo: Graph's documented 404 ImageNotFound
        stubs.graphMetadata(user, TeamsStubs.imageNotFound());
        assertProblem(sync(user), 400, "no-image");
        // a channel the participant does not have
        assertProblem(sync(UUID.randomUUID().toString()), 400, "channel-not-found");
        // a token Graph refuses
        stubs.graph().resetAll();
        stubs.graphMetadata(user, aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token has"
                        + " expired or is not yet valid.\"}}"));
        assertProblem(sync(user), 400, "token-rejected");
    }

    @Test
    void graphsFaultsAreProblemsNeverA500() {
        connect();
        stubs.graphMetadata(user, aResponse().withStatus(429).withHeader("Retry-After", "30"));
        ApiResponse limited = sync(user);
        assertProblem(limited, 503, "provider-rate-limited");
        assertThat(limited.header("Retry-After")).isEqualTo("30");

        stubs.graphMetadata(user, aResponse().withStatus(429));
        assertProblem(sync(user), 503, "provider-rate-limited");

        stubs.graphMetadata(user, aResponse().withStatus(503).withBody("<html>unavailable</html>"));
        assertProblem(sync(user), 502, "provider-unavailable");

        stubs.graphUser(user, "etag2", AvatarStubs.PNG);
        stubs.graphPhoto(user, aResponse().withStatus(200).withHeader("Content-Type", "image/png")
                .withBody(new byte[AvatarStubs.MAX_BYTES + 1]));
        assertProblem(sync(user), 502, "image-refused");

        stubs.graphPhoto(user, aResponse().withStatus(200).withHeader("Content-Type", "image/png")
                .withBody("<html><body>sign in</body></html>"));
        assertProblem(sync(user), 502, "image-refused");

        stubs.graphPhoto(user, aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/iam/security-credentials/"));
        assertProblem(sync(user), 502, "image-refused");

        stubs.graphPhoto(user, aResponse().withStatus(200).withHeader("Content-Type", "image/png")
                .withBody(AvatarStubs.PNG).withFixedDelay(6_000));
        assertThat(sync(user).status()).isIn(502, 503);
        assertThat(participantNow().field("avatarFileId")).isNull();
    }

    @Test
    void aRateLimitWithAShortRetryAfterIsWaitedOut() {
        connect();
        stubs.graphUser(user, "etag3", AvatarStubs.PNG);
        stubs.graph().stubFor(get(urlPathEqualTo("/v1.0/users/" + user + "/photo")).atPriority(1)
                .inScenario("limited").whenScenarioStateIs("Started").willSetStateTo("waited")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));

        ApiResponse synced = sync(user);

        assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
        stubs.graph().verify(2, getRequestedFor(urlPathEqualTo("/v1.0/users/" + user + "/photo")));
    }

    @Test
    void anotherTenantNeitherSyncsNorSeesTheConnection() {
        connect();
        stubs.graphUser(user, "etag4", AvatarStubs.PNG);
        ApiResponse other = api.request("POST", "/v1/tenants/globex/participants/" + participant
                + "/avatar:syncFromChannel").tenant("globex").jsonBody(Map.of("integrationConfigId", config,
                "address", user)).send();
        assertProblem(other, 404, "not-found");
        stubs.graph().verify(0, getRequestedFor(urlPathMatching("/v1.0/users/.*")));
    }

    @Test
    void aRefusedRefreshTokenMarksTheConfigRejected() {
        connect();
        String stored = stubs.secrets().current(TeamsStubs.tokenSecret(config));
        stubs.secrets().put(TeamsStubs.tokenSecret(config),
                stored.replaceAll("\"expiresAt\":\"\\d+\"", "\"expiresAt\":\"1000\""));
        stubs.login().accept("rt-someone-else");

        ApiResponse synced = sync(user);

        assertProblem(synced, 400, "not-connected");
        assertThat(synced.field("detail")).contains("reconnect");
        JsonNode connection = api.request("GET", "/v1/tenants/acme/integrations/configs/" + config).send().json()
                .get("connection");
        assertThat(connection.get("status").getStringValue()).isEqualTo("TOKEN_REJECTED");
    }

    private void connect() {
        String state = query(URI.create(authorize().field("authorizationUrl"))).get("state");
        ApiResponse callback = callback("code-ok", state);
        assertThat(callback.status()).as(callback.toString()).isEqualTo(200);
    }

    private ApiResponse authorize() {
        return api.request("POST", "/v1/tenants/acme/integrations/configs/" + config + ":authorize").send();
    }

    private static ApiResponse callback(String code, String state) {
        return api.request("GET", "/v1/oauth/microsoft/callback").anonymous().query("code", code)
                .query("state", state).send();
    }

    private ApiResponse sync(String address) {
        return api.request("POST", "/v1/tenants/acme/participants/" + participant + "/avatar:syncFromChannel")
                .jsonBody(Map.of("integrationConfigId", config, "address", address)).send();
    }

    private ApiResponse participantNow() {
        return api.request("GET", "/v1/tenants/acme/participants/" + participant).send();
    }

    private static String created(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.field("id");
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
}
