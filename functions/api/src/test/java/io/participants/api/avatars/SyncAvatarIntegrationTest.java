package io.participants.api.avatars;

import io.participants.api.http.ProblemType;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.participants.api.avatars.AvatarStubs.syncBody;
import static io.participants.api.avatars.AvatarStubs.syncPath;
import static io.participants.api.errors.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST …/avatar:syncFromChannel and GET …/avatar through the real handler: Slack and Secrets Manager stubbed by
 * WireMock, the image stored by the real S3 client in s3proxy, participants in DynamoDB Local.
 */
class SyncAvatarIntegrationTest {

    private static final String TENANT = "acme";
    private static final String USER = "U0123ABCD";
    private static final String HASH = "a1b2c3d4e5f6";

    private static AvatarStubs stubs;
    private static ApiHarness api;
    private static HttpClient http;

    private String config;
    private String participant;
    private String createdEtag;
    private List<String> keysBefore;

    @BeforeAll
    static void start() {
        stubs = new AvatarStubs();
        api = stubs.harness();
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop() {
        api.close();
        stubs.close();
    }

    @BeforeEach
    void connectedSlackParticipant() {
        stubs.reset();
        config = createConfig("SLACK");
        participant = createParticipant(config, USER);
        stubs.storeToken(TENANT, config);
        createdEtag = get(participant).header("ETag");
        keysBefore = stubs.keys();
    }

    @Test
    void syncStoresTheImageAndGetLinksToTheSameBytes() throws Exception {
        stubs.slackUser(USER, HASH);
        stubs.serveImage(HASH, AvatarStubs.PNG, "image/png");

        ApiResponse synced = sync(participant, config, USER);

        assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
        String fileId = synced.field("avatarFileId");
        assertThat(fileId).isNotBlank();
        assertThat(synced.header("ETag")).isNotBlank().isNotEqualTo(createdEtag);
        assertThat(get(participant).field("avatarFileId")).isEqualTo(fileId);
        assertThat(newKeys()).containsExactly("avatars/" + TENANT + "/" + fileId);

        HttpResponse<byte[]> image = fetch(avatarLink(participant).field("url"));
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.body()).isEqualTo(AvatarStubs.PNG);
        assertThat(image.headers().firstValue("Content-Type")).contains("image/png");
    }

    @Test
    void theParticipantShowsWhereItsAvatarCameFromUntilItIsCleared() {
        ApiResponse before = get(participant);
        assertThat(List.of("avatarSource", "avatarSourceConfigId", "avatarSourceAddress", "avatarSyncedAt"))
                .allSatisfy(field -> assertThat(before.json().get(field) != null).as(field).isTrue())
                .allSatisfy(field -> assertThat(before.field(field)).as(field).isNull());
        stubs.slackUser(USER, HASH);
        stubs.serveImage(HASH, AvatarStubs.PNG, "image/png");
        long start = System.currentTimeMillis();

        ApiResponse synced = sync(participant, config, USER);

        assertThat(synced.field("avatarSource")).isEqualTo("CHANNEL_SYNC");
        assertThat(synced.field("avatarSourceConfigId")).isEqualTo(config);
        assertThat(synced.field("avatarSourceAddress")).isEqualTo(USER);
        assertThat(Long.parseLong(synced.field("avatarSyncedAt")))
                .isBetween(start, System.currentTimeMillis())
                .isEqualTo(Long.parseLong(synced.field("modifiedAt")));
        ApiResponse read = get(participant);
        for (String field : List.of("avatarSource", "avatarSourceConfigId", "avatarSourceAddress", "avatarSyncedAt")) {
            assertThat(read.field(field)).as(field).isEqualTo(synced.field(field));
        }

        ApiResponse cleared = api.request("PATCH", "/v1/tenants/" + TENANT + "/participants/" + participant)
                .header("If-Match", synced.header("ETag")).jsonBody(Map.of("avatarFileId", "")).send();

        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        for (String field : List.of("avatarFileId", "avatarSource", "avatarSourceConfigId", "avatarSourceAddress",
                "avatarSyncedAt")) {
            assertThat(cleared.field(field)).as(field).isNull();
            assertThat(get(participant).field(field)).as(field).isNull();
        }
    }

    @Test
    void anotherSpellingOfTheAddressFindsTheChannelAndSlackIsAskedForTheStoredOne() {
        // Slack answers for U0123ABCD only
        stubs.slackUser(USER, HASH);
        stubs.serveImage(HASH, AvatarStubs.PNG, "image/png");

        ApiResponse synced = sync(participant, config, "u0123abcd");

        assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
        assertThat(synced.field("avatarSourceAddress")).isEqualTo(USER);
        assertThat(newKeys()).containsExactly("avatars/" + TENANT + "/" + synced.field("avatarFileId"));
    }

    @Test
    void anUnchangedHashKeepsTheFileWithoutDownloadingAgain() {
        stubs.slackUser(USER, HASH);
        stubs.serveImage(HASH, AvatarStubs.PNG, "image/png");
        ApiResponse first = sync(participant, config, USER);

        ApiResponse second = sync(participant, config, USER);

        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.field("avatarFileId")).isEqualTo(first.field("avatarFileId"));
        assertThat(second.header("ETag")).isEqualTo(first.header("ETag"));
        stubs.slack().verify(2, getRequestedFor(urlPathEqualTo("/api/users.info")));
        stubs.slack().verify(1, getRequestedFor(urlPathEqualTo(AvatarStubs.imagePath(HASH))));
        assertThat(newKeys()).containsExactly("avatars/" + TENANT + "/" + first.field("avatarFileId"));
    }

    @Test
    void aChangedHashStoresANewFileAndDeletesTheOldOne() {
        stubs.slackUser(USER, HASH);
        stubs.serveImage(HASH, AvatarStubs.PNG, "image/png");
        String oldFile = sync(participant, config, USER).field("avatarFileId");
        stubs.slackUser(USER, "0f9e8d7c6b5a");
        stubs.serveImage("0f9e8d7c6b5a", AvatarStubs.PNG, "image/png");

        ApiResponse changed = sync(participant, config, USER);

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        String newFile = changed.field("avatarFileId");
        assertThat(newFile).isNotEqualTo(oldFile);
        assertThat(newKeys()).containsExactly("avatars/" + TENANT + "/" + newFile);
    }

    @Test
    void clearingTheAvatarDeletesItsFile() {
        stubs.slackUser(USER, HASH);
        stubs.serveImage(HASH, AvatarStubs.PNG, "image/png");
        ApiResponse synced = sync(participant, config, USER);

        ApiResponse cleared = api.request("PATCH", "/v1/tenants/" + TENANT + "/participants/" + participant)
                .header("If-Match", synced.header("ETag")).jsonBody(Map.of("avatarFileId", "")).send();

        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.field("avatarFileId")).isNull();
        assertThat(newKeys()).isEmpty();
    }

    @Test
    void deletingAParticipantDeletesItsAvatarFile() {
        stubs.slackUser(USER, HASH);
        stubs.serveImage(HASH, AvatarStubs.PNG, "image/png");
        assertThat(sync(participant, config, USER).status()).isEqualTo(200);
        assertThat(newKeys()).hasSize(1);

        ApiResponse deleted = api.request("DELETE", "/v1/tenants/" + TENANT + "/participants/" + participant).send();

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(newKeys()).isEmpty();
    }

    @Test
    void aParticipantOfAnotherTenantIsNotFound() {
        stubs.slackUser(USER, HASH);
        stubs.serveImage(HASH, AvatarStubs.PNG, "image/png");
        stubs.storeToken("globex", config);

        ApiResponse foreignPath = api.request("POST", syncPath(TENANT, participant)).tenant("globex")
                .jsonBody(syncBody(config, USER)).send();
        ApiResponse ownPath = api.request("POST", syncPath("globex", participant)).tenant("globex")
                .jsonBody(syncBody(config, USER)).send();

        assertProblem(foreignPath, 404, "not-found");
        assertProblem(ownPath, 404, "not-found");
        stubs.slack().verify(0, anyRequestedFor(anyUrl()));
        assertThat(get(participant).field("avatarFileId")).isNull();
    }

    @Test
    void anotherTenantsTokenDoesNotConnect() {
        stubs.reset();
        stubs.storeToken("globex", config);
        stubs.slackUser(USER, HASH);

        assertProblem(sync(participant, config, USER), 400, "not-connected");
        stubs.slack().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anAddressNotOnTheParticipantIsChannelNotFound() {
        assertProblem(sync(participant, config, "U9999ZZZZ"), 400, "channel-not-found");
        assertProblem(sync(participant, UUID.randomUUID().toString(), USER), 400, "channel-not-found");
        stubs.slack().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anEmailChannelHasNoAvatarSource() {
        String mail = createConfig("EMAIL");
        String person = createParticipant(mail, "maria@example.com");
        stubs.storeToken(TENANT, mail);

        assertProblem(sync(person, mail, "maria@example.com"), 400, "no-avatar-source");
    }

    @Test
    void withoutAStoredTokenTheChannelIsNotConnected() {
        stubs.reset();

        assertProblem(sync(participant, config, USER), 400, "not-connected");
        stubs.slack().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aTokenSlackRejectsIsTokenRejected() {
        stubs.slackAnswers(USER, okJson(AvatarStubs.slackError("invalid_auth")));

        ApiResponse response = sync(participant, config, USER);

        assertProblem(response, 400, "token-rejected");
        assertThat(response.body()).doesNotContain(AvatarStubs.TOKEN);
    }

    @Test
    void aDefaultAvatarIsNoImage() {
        stubs.slackAnswers(USER, okJson(AvatarStubs.usersInfo(USER, HASH, false, stubs.imageUrl(HASH))));

        assertProblem(sync(participant, config, USER), 400, "no-image");
        assertUnchanged();
    }

    @Test
    void aConversationIdIsNoImage() {
        String channel = "C04GENERAL1";
        String team = createParticipant(config, channel);

        assertProblem(sync(team, config, channel), 400, "no-image");
        stubs.slack().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aLongRateLimitIsServiceUnavailableWithRetryAfter() {
        stubs.slackAnswers(USER, aResponse().withStatus(429).withHeader("Retry-After", "120"));

        ApiResponse response = sync(participant, config, USER);

        assertGatewayProblem(response, 503, "provider-rate-limited");
        assertThat(response.header("Retry-After")).isEqualTo("120");
    }

    @Test
    void aSlackServerErrorIsBadGateway() {
        stubs.slackAnswers(USER, aResponse().withStatus(500).withBody("upstream connect error"));

        assertGatewayProblem(sync(participant, config, USER), 502, "provider-unavailable");
        assertUnchanged();
    }

    @Test
    void anImageOverTheCapIsRefusedAndNothingIsStored() {
        stubs.slackUser(USER, HASH);
        byte[] big = Arrays.copyOf(AvatarStubs.PNG, AvatarStubs.MAX_BYTES + 1);
        stubs.serveImage(HASH, big, "image/png");

        assertGatewayProblem(sync(participant, config, USER), 502, "image-refused");
        assertUnchanged();
    }

    @Test
    void aBodyThatIsNoImageIsRefusedAndNothingIsStored() {
        stubs.slackUser(USER, HASH);
        stubs.serveImage(HASH, "<html><body>not an image</body></html>".getBytes(StandardCharsets.UTF_8), "image/png");

        assertGatewayProblem(sync(participant, config, USER), 502, "image-refused");
        assertUnchanged();
    }

    @Test
    void aRedirectToAnInternalAddressIsRefusedAndNothingIsStored() {
        stubs.slackUser(USER, HASH);
        for (String target : List.of("http://127.0.0.1:" + stubs.slack().port() + "/secret.png",
                "https://127.0.0.1:" + stubs.slack().httpsPort() + AvatarStubs.imagePath("internal"),
                "http://169.254.169.254/latest/meta-data/iam/security-credentials/")) {
            stubs.serveImage(HASH, aResponse().withStatus(302).withHeader("Location", target));

            assertGatewayProblem(sync(participant, config, USER), 502, "image-refused");
        }
        stubs.slack().verify(0, getRequestedFor(urlPathEqualTo("/secret.png")));
        stubs.slack().verify(0, getRequestedFor(urlPathEqualTo(AvatarStubs.imagePath("internal"))));
        assertUnchanged();
    }

    @Test
    void anImageHostResolvingToAnInternalAddressIsRefused() {
        stubs.slackUser(USER, HASH);
        stubs.serveImage(HASH, AvatarStubs.PNG, "image/png");
        try (ApiHarness guarded = stubs.harness(AvatarStubs.guards().withRefuseInternalAddresses(true))) {
            String slack = guarded.request("POST", "/v1/tenants/acme/integrations/configs")
                    .jsonBody(Map.of("provider", "SLACK", "name", "Slack")).send().field("id");
            String person = guarded.request("POST", "/v1/tenants/acme/participants")
                    .jsonBody(Map.of("displayName", "Maria", "channels",
                            List.of(Map.of("integrationConfigId", slack, "address", USER)))).send().field("id");
            stubs.storeToken(TENANT, slack);

            ApiResponse response = guarded.request("POST", syncPath(TENANT, person)).jsonBody(syncBody(slack, USER))
                    .send();

            assertGatewayProblem(response, 502, "image-refused");
            stubs.slack().verify(0, getRequestedFor(urlPathEqualTo(AvatarStubs.imagePath(HASH))));
        }
        assertThat(newKeys()).isEmpty();
    }

    @Test
    void aBodyWithoutAddressOrWithABadUuidIsInvalid() {
        ApiResponse noAddress = api.request("POST", syncPath(TENANT, participant))
                .jsonBody(Map.of("integrationConfigId", config)).send();
        ApiResponse badUuid = api.request("POST", syncPath(TENANT, participant))
                .jsonBody(Map.of("integrationConfigId", "not-a-uuid", "address", USER)).send();

        assertThat(noAddress.status()).as(noAddress.toString()).isEqualTo(400);
        assertThat(noAddress.body()).contains("address");
        assertThat(badUuid.status()).as(badUuid.toString()).isEqualTo(400);
        assertThat(badUuid.body()).contains("integrationConfigId");
        stubs.slack().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aParticipantWithoutAvatarHasNoLink() {
        assertProblem(avatarLink(participant), 404, "not-found");
        assertProblem(api.request("GET", "/v1/tenants/acme/participants/" + UUID.randomUUID() + "/avatar").send(),
                404, "not-found");
    }

    @Test
    void theLinkLivesFifteenMinutesAtMost() {
        stubs.slackUser(USER, HASH);
        stubs.serveImage(HASH, AvatarStubs.PNG, "image/png");
        sync(participant, config, USER);
        long before = System.currentTimeMillis();

        ApiResponse link = avatarLink(participant);

        assertThat(link.status()).as(link.toString()).isEqualTo(200);
        URI url = URI.create(link.field("url"));
        assertThat(url.getRawQuery()).contains("X-Amz-Expires=");
        String expires = url.getRawQuery().replaceAll(".*X-Amz-Expires=(\\d+).*", "$1");
        assertThat(Integer.parseInt(expires)).isPositive().isLessThanOrEqualTo(900);
        long expiresAt = link.json().get("expiresAt").getLongValue();
        assertThat(expiresAt - before).isPositive().isLessThanOrEqualTo(900_000 + 5_000);
    }

    /** A 5xx problem of this type, with nothing of the implementation or the token in it. */
    private static void assertGatewayProblem(ApiResponse response, int status, String slug) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).isEqualTo("application/problem+json");
        assertThat(response.field("type")).as(response.toString()).isEqualTo(ProblemType.PREFIX + slug);
        assertThat(response.json().get("status").getIntValue()).isEqualTo(status);
        assertThat(response.field("detail")).as(response.toString()).isNotBlank();
        assertThat(response.body()).doesNotContain(AvatarStubs.TOKEN).doesNotContain("Exception")
                .doesNotContain("io.participants").doesNotContain("software.amazon");
    }

    /** The keys this test added to the bucket. */
    private List<String> newKeys() {
        return stubs.keysAddedSince(keysBefore);
    }

    private void assertUnchanged() {
        ApiResponse now = get(participant);
        assertThat(now.field("avatarFileId")).isNull();
        assertThat(now.header("ETag")).isEqualTo(createdEtag);
        assertThat(newKeys()).isEmpty();
    }

    private static String createConfig(String provider) {
        ApiResponse response = api.request("POST", "/v1/tenants/acme/integrations/configs")
                .jsonBody(Map.of("provider", provider, "name", provider + " " + UUID.randomUUID())).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.field("id");
    }

    private static String createParticipant(String configId, String address) {
        ApiResponse response = api.request("POST", "/v1/tenants/acme/participants")
                .jsonBody(Map.of("displayName", "Maria Lopez", "channels",
                        List.of(Map.of("integrationConfigId", configId, "address", address)))).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.field("id");
    }

    private static ApiResponse sync(String participantId, String configId, String address) {
        return api.request("POST", syncPath(TENANT, participantId)).jsonBody(syncBody(configId, address)).send();
    }

    private static ApiResponse get(String participantId) {
        return api.request("GET", "/v1/tenants/acme/participants/" + participantId).send();
    }

    private static ApiResponse avatarLink(String participantId) {
        return api.request("GET", "/v1/tenants/acme/participants/" + participantId + "/avatar").send();
    }

    private static HttpResponse<byte[]> fetch(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
