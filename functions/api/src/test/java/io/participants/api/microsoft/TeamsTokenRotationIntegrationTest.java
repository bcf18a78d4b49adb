package io.participants.api.microsoft;

import io.participants.api.avatars.AvatarStubs;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.Race;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.participants.api.errors.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Teams tokens expire and rotate: syncs through the real handler over a Secrets Manager stand-in that honours
 * version stages as AWS documents them, and a token endpoint that rotates refresh tokens strictly (a used one is
 * {@code invalid_grant}).
 */
class TeamsTokenRotationIntegrationTest {

    private static final Pattern REFRESH_TOKEN = Pattern.compile("\"refreshToken\":\"([^\"]+)\"");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");

    private static TeamsStubs stubs;
    private static ApiHarness api;

    private String config;

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
    void teamsConfig() {
        stubs.graph().resetAll();
        config = created(api.request("POST", "/v1/tenants/acme/integrations/configs")
                .jsonBody(Map.of("provider", "MICROSOFT_TEAMS", "name", "Teams " + UUID.randomUUID())).send());
    }

    @Test
    void twoConcurrentSyncsOverAnExpiredAccessTokenBothSucceedAndTheNewestRefreshTokenIsStored() throws Exception {
        stubs.storeToken(config, "at-0", "rt-0", System.currentTimeMillis() - 60_000);
        stubs.login().accept("rt-0");
        String ada = user();
        String grace = user();
        stubs.graphUser(ada, "ada1", AvatarStubs.PNG);
        stubs.graphUser(grace, "grace1", AvatarStubs.PNG);
        String first = participant(ada);
        String second = participant(grace);
        int versionsBefore = stubs.secrets().versions(TeamsStubs.tokenSecret(config));
        int grantsBefore = stubs.login().grants().size();
        // both refreshes are answered only once both have arrived: both read the same expired token first
        stubs.login().holdRefreshes(2);

        List<ApiResponse> syncs = Race.run(List.<Callable<ApiResponse>>of(
                () -> sync(first, ada), () -> sync(second, grace)));

        assertThat(syncs).allSatisfy(sync -> assertThat(sync.status()).as(sync.toString()).isEqualTo(200));
        assertThat(syncs).allSatisfy(sync -> assertThat(sync.field("avatarFileId")).isNotBlank());
        String stored = stubs.secrets().current(TeamsStubs.tokenSecret(config));
        assertThat(field(REFRESH_TOKEN, stored)).as("the stored refresh token")
                .isEqualTo(stubs.login().newestRefreshToken()).isNotEqualTo("rt-0");
        assertThat(stubs.login().grants().subList(grantsBefore, stubs.login().grants().size()))
                .containsExactly("refresh_token", "refresh_token");
        // one write won; the other function used the winner's token instead of failing or writing over it
        assertThat(stubs.secrets().versions(TeamsStubs.tokenSecret(config))).isEqualTo(versionsBefore + 1);
        String winner = field(ACCESS_TOKEN, stored);
        stubs.graph().verify(2, getRequestedFor(urlPathMatching("/v1.0/users/.*/photo"))
                .withHeader("Authorization", equalTo("Bearer " + winner)));
        stubs.graph().verify(0, getRequestedFor(urlPathMatching("/v1.0/users/.*"))
                .withHeader("Authorization", equalTo("Bearer at-0")));
    }

    @Test
    void twoConcurrentRefreshesThatBothSucceedStoreOneAndTheLoserUsesTheWinnersToken() throws Exception {
        // a lenient platform (Microsoft's own: an old refresh token stays valid) answers both refreshes
        stubs.storeToken(config, "at-0", "rt-0", System.currentTimeMillis() - 60_000);
        stubs.login().accept("rt-0");
        String ada = user();
        String grace = user();
        stubs.graphUser(ada, "ada1", AvatarStubs.PNG);
        stubs.graphUser(grace, "grace1", AvatarStubs.PNG);
        String first = participant(ada);
        String second = participant(grace);
        int versionsBefore = stubs.secrets().versions(TeamsStubs.tokenSecret(config));
        stubs.login().holdRefreshes(2);
        stubs.login().lenient(true);
        try {
            List<ApiResponse> syncs = Race.run(List.<Callable<ApiResponse>>of(
                    () -> sync(first, ada), () -> sync(second, grace)));

            assertThat(syncs).allSatisfy(sync -> assertThat(sync.status()).as(sync.toString()).isEqualTo(200));
        } finally {
            stubs.login().lenient(false);
        }
        String stored = stubs.secrets().current(TeamsStubs.tokenSecret(config));
        assertThat(field(REFRESH_TOKEN, stored)).isIn(stubs.login().issuedRefreshTokens()).isNotEqualTo("rt-0");
        assertThat(stubs.secrets().operations()).contains("UpdateSecretVersionStage",
                "UpdateSecretVersionStage:InvalidParameterException");
        assertThat(stubs.secrets().versions(TeamsStubs.tokenSecret(config))).isEqualTo(versionsBefore + 2);
        stubs.graph().verify(2, getRequestedFor(urlPathMatching("/v1.0/users/.*/photo"))
                .withHeader("Authorization", equalTo("Bearer " + field(ACCESS_TOKEN, stored))));
    }

    @Test
    void aTokenThatIsStillFreshIsUsedWithoutARefresh() {
        stubs.storeToken(config, "at-7", "rt-7", System.currentTimeMillis() + 3_600_000);
        int grantsBefore = stubs.login().grants().size();
        String ada = user();
        stubs.graphUser(ada, "ada1", AvatarStubs.PNG);

        ApiResponse synced = sync(participant(ada), ada);

        assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
        assertThat(stubs.login().grants()).hasSize(grantsBefore);
        assertThat(field(REFRESH_TOKEN, stubs.secrets().current(TeamsStubs.tokenSecret(config)))).isEqualTo("rt-7");
    }

    @Test
    void aRefusedRefreshTokenIsTheNotConnectedCaseWithADetailToReconnect() {
        stubs.storeToken(config, "at-0", "rt-revoked", System.currentTimeMillis() - 60_000);
        stubs.login().accept("rt-other");
        String ada = user();
        stubs.graphUser(ada, "ada1", AvatarStubs.PNG);

        ApiResponse synced = sync(participant(ada), ada);

        assertProblem(synced, 400, "not-connected");
        assertThat(synced.field("detail")).contains("reconnect").doesNotContain("rt-revoked");
        stubs.graph().verify(0, getRequestedFor(urlPathMatching("/v1.0/users/.*")));
    }

    private static String field(Pattern pattern, String json) {
        Matcher matcher = pattern.matcher(json);
        assertThat(matcher.find()).as("field in the stored secret").isTrue();
        return matcher.group(1);
    }

    private static String user() {
        return UUID.randomUUID().toString();
    }

    private String participant(String user) {
        return created(api.request("POST", "/v1/tenants/acme/participants")
                .jsonBody(Map.of("displayName", "Teams user", "channels",
                        List.of(Map.of("integrationConfigId", config, "address", user.toUpperCase())))).send());
    }

    private ApiResponse sync(String participant, String user) {
        return api.request("POST", "/v1/tenants/acme/participants/" + participant + "/avatar:syncFromChannel")
                .jsonBody(Map.of("integrationConfigId", config, "address", user)).send();
    }

    private static String created(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.field("id");
    }
}
