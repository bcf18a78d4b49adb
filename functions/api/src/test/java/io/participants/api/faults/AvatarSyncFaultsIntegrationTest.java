package io.participants.api.faults;

import io.participants.api.avatars.AvatarStubs;
import io.participants.api.faults.FaultInjector.Fault;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import io.participants.api.http.StorageErrorHandler;
import io.participants.api.testing.LambdaContexts;
import io.participants.api.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER;
import static io.participants.api.avatars.AvatarStubs.syncBody;
import static io.participants.api.avatars.AvatarStubs.syncPath;
import static io.participants.api.errors.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults along an avatar sync, through the real handler: S3 and Secrets Manager failures injected at their clients,
 * Slack slow, failing or rate limiting (WireMock), and invocations short of time. Each fault is absorbed by a bounded
 * retry or answered with a 503 or 502 problem, and leaves the participant as it was and no new object in the bucket.
 */
class AvatarSyncFaultsIntegrationTest {

    private static final String TENANT = "acme";
    private static final String USER = "U0FAULT01";
    private static final String HASH = "f00dfeed01";
    /** The SDK's attempts per call (ClientBudgets.MAX_ATTEMPTS). */
    private static final int MAX_ATTEMPTS = 3;

    private static final FaultInjector UPLOADS = new FaultInjector("S3", Set.of("PutObject"));
    // the tag removal on S3; s3proxy has no tagging, so there the commit is an existence check
    private static final FaultInjector COMMITS = new FaultInjector("S3", Set.of("DeleteObjectTagging", "HeadObject"));
    private static final FaultInjector SECRETS = new FaultInjector("SecretsManager", Set.of("GetSecretValue"));

    private static AvatarStubs stubs;
    private static ApiHarness api;

    private String config;
    private String participant;
    private String createdEtag;
    private List<String> keysBefore;

    @BeforeAll
    static void start() {
        stubs = new AvatarStubs();
        api = stubs.harness(AvatarStubs.guards(), Map.of(), List.of(UPLOADS, COMMITS, SECRETS));
    }

    @AfterAll
    static void stop() {
        api.close();
        stubs.close();
    }

    @BeforeEach
    void connectedSlackParticipantWithAnImage() {
        stubs.reset();
        // a new config per test: its token secret is not in the function's cache yet
        config = api.request("POST", "/v1/tenants/acme/integrations/configs")
                .jsonBody(Map.of("provider", "SLACK", "name", "Slack " + UUID.randomUUID())).send().field("id");
        participant = api.request("POST", "/v1/tenants/acme/participants")
                .jsonBody(Map.of("displayName", "Maria Lopez", "channels",
                        List.of(Map.of("integrationConfigId", config, "address", USER)))).send().field("id");
        stubs.storeToken(TENANT, config);
        stubs.slackUser(USER, HASH);
        stubs.serveImage(HASH, AvatarStubs.PNG, "image/png");
        createdEtag = get().header("ETag");
        keysBefore = stubs.keys();
    }

    @AfterEach
    void heal() {
        UPLOADS.heal();
        COMMITS.heal();
        SECRETS.heal();
    }

    @ParameterizedTest
    @CsvSource({"503,SlowDown", "500,InternalError", "503,ServiceUnavailable"})
    void anUploadFaultShorterThanTheRetriesIsAbsorbed(int status, String code) {
        UPLOADS.fail(status, code, MAX_ATTEMPTS - 1);

        ApiResponse synced = sync();

        assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
        assertThat(UPLOADS.attempts()).isEqualTo(MAX_ATTEMPTS);
        assertThat(newKeys()).containsExactly("avatars/acme/" + synced.field("avatarFileId"));
    }

    @ParameterizedTest
    @CsvSource({"503,SlowDown", "500,InternalError"})
    void anUploadFaultThatOutlastsTheRetriesIsA503ThatChangedNothing(int status, String code) {
        UPLOADS.fail(status, code, Integer.MAX_VALUE);

        ApiResponse response = sync();

        assertProblem(response, 503, "service-unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(UPLOADS.attempts()).isEqualTo(MAX_ATTEMPTS);
        assertUnchanged();
    }

    @Test
    void anUploadThatFailedOnEveryAttemptLogsTheCallItsCodeAndStatus() {
        UPLOADS.fail(503, "SlowDown", Integer.MAX_VALUE);

        try (LogCapture log = LogCapture.of(StorageErrorHandler.class)) {
            assertProblem(sync(), 503, "service-unavailable");

            assertThat(log.lines()).containsExactly(
                    "WARN AWS call failed on POST: S3 PutObject answered 503 SlowDown after 3 attempts");
        }
    }

    @ParameterizedTest
    @CsvSource({"403,AccessDenied", "404,NoSuchBucket", "400,InvalidArgument", "501,NotImplemented"})
    void anUploadRefusalThatNoRetryChangesIsA502AfterOneAttemptThatNamesItInTheLog(int status, String code) {
        UPLOADS.fail(status, code, Integer.MAX_VALUE);

        try (LogCapture log = LogCapture.of(StorageErrorHandler.class)) {
            ApiResponse response = sync();

            assertProblem(response, 502, "storage-refused");
            assertThat(response.header("Retry-After")).isNull();
            assertThat(response.body()).doesNotContain(code).doesNotContain("avatars/");
            assertThat(log.lines()).containsExactly(
                    "ERROR AWS call failed on POST: S3 PutObject answered " + status + " " + code + " after 1 attempt");
        }
        assertThat(UPLOADS.attempts()).isEqualTo(1);
        assertUnchanged();
    }

    @Test
    void aFailedCommitRemovesTheUploadAndChangesNothingThenARetrySucceeds() {
        COMMITS.fail(Fault.UNAVAILABLE, Integer.MAX_VALUE);

        ApiResponse failed = sync();

        assertProblem(failed, 503, "service-unavailable");
        assertThat(COMMITS.attempts()).isEqualTo(MAX_ATTEMPTS);
        assertThat(UPLOADS.attempts()).as("the upload happened, and was removed").isEqualTo(1);
        assertUnchanged();

        COMMITS.heal();
        ApiResponse retried = sync();

        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(newKeys()).containsExactly("avatars/acme/" + retried.field("avatarFileId"));
        assertThat(get().field("avatarFileId")).isEqualTo(retried.field("avatarFileId"));
    }

    @Test
    void anUnavailableSecretIsA503BeforeSlackIsCalled() {
        SECRETS.fail(Fault.UNAVAILABLE, Integer.MAX_VALUE);

        ApiResponse response = sync();

        assertProblem(response, 503, "service-unavailable");
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(response.body()).doesNotContain("participants/tenants").doesNotContain(AvatarStubs.TOKEN);
        assertThat(SECRETS.attempts()).isEqualTo(MAX_ATTEMPTS);
        stubs.slack().verify(0, anyRequestedFor(anyUrl()));
        assertUnchanged();
    }

    @Test
    void aThrottledSecretReadIsRetriedWithinTheBudget() {
        SECRETS.fail(400, "ThrottlingException", MAX_ATTEMPTS - 1);

        ApiResponse synced = sync();

        assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
        assertThat(SECRETS.attempts()).isEqualTo(MAX_ATTEMPTS);
    }

    @Test
    void aSlackAnswerSlowerThanTheTimeLeftIsOutOfTimeAndAnsweredWithinIt() {
        stubs.slackAnswers(USER, okJson(AvatarStubs.usersInfo(USER, HASH, true, stubs.imageUrl(HASH)))
                .withFixedDelay(4_000));

        Timed timed = syncWithTimeLeft(1_500);
        ApiResponse response = timed.response();

        assertProblem(response, 503, "out-of-time");
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(timed.took()).as("answered before the invocation's end").isLessThan(Duration.ofMillis(1_500));
        assertThat(UPLOADS.attempts()).isZero();
        assertUnchanged();
    }

    @Test
    void anImageSlowerThanTheTimeLeftIsOutOfTimeAndNothingIsStored() {
        stubs.serveImage(HASH, aResponse().withStatus(200).withHeader("Content-Type", "image/png")
                .withBody(AvatarStubs.PNG).withFixedDelay(4_000));

        Timed timed = syncWithTimeLeft(2_000);
        ApiResponse response = timed.response();

        assertProblem(response, 503, "out-of-time");
        assertThat(timed.took()).isLessThan(Duration.ofMillis(2_000));
        assertThat(UPLOADS.attempts()).isZero();
        assertUnchanged();
    }

    @Test
    void aRateLimitLongerThanTheTimeLeftIsNotWaitedFor() {
        stubs.slackAnswers(USER, aResponse().withStatus(429).withHeader("Retry-After", "1"));

        Timed timed = syncWithTimeLeft(1_200);
        ApiResponse response = timed.response();

        assertProblem(response, 503, "provider-rate-limited");
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(timed.took()).as("no wait").isLessThan(Duration.ofMillis(900));
        stubs.slack().verify(1, getRequestedFor(urlPathEqualTo("/api/users.info")));
        assertUnchanged();
    }

    @Test
    void aShortRateLimitIsWaitedOutOnceWhenTheTimeAllows() {
        stubs.slackAnswers(USER, aResponse().withStatus(429).withHeader("Retry-After", "1"));

        ApiResponse response = syncWithTimeLeft(10_000).response();

        assertProblem(response, 503, "provider-rate-limited");
        stubs.slack().verify(2, getRequestedFor(urlPathEqualTo("/api/users.info")));
        assertUnchanged();
    }

    @Test
    void aFailingImageHostIsBadGatewayAndNothingIsStored() {
        stubs.serveImage(HASH, aResponse().withStatus(503));

        assertProblem(sync(), 502, "provider-unavailable");
        assertThat(UPLOADS.attempts()).isZero();
        assertUnchanged();
    }

    @Test
    void aSlackConnectionResetIsBadGatewayAndNothingIsStored() {
        stubs.slackAnswers(USER, aResponse().withFault(CONNECTION_RESET_BY_PEER));

        ApiResponse response = sync();

        assertProblem(response, 502, "provider-unavailable");
        assertThat(response.body()).doesNotContain(AvatarStubs.TOKEN).doesNotContain("Exception");
        assertUnchanged();
    }

    private ApiResponse sync() {
        return api.request("POST", syncPath(TENANT, participant)).jsonBody(syncBody(config, USER)).send();
    }

    /** A sync's answer and how long it took, in an invocation with {@code remainingMillis} left. */
    private record Timed(ApiResponse response, Duration took) {
    }

    private Timed syncWithTimeLeft(int remainingMillis) {
        long started = System.nanoTime();
        ApiResponse response = api.send(api.request("POST", syncPath(TENANT, participant))
                .jsonBody(syncBody(config, USER)).event(), LambdaContexts.invocation(remainingMillis));
        return new Timed(response, Duration.ofNanos(System.nanoTime() - started));
    }

    private ApiResponse get() {
        return api.request("GET", "/v1/tenants/acme/participants/" + participant).send();
    }

    private List<String> newKeys() {
        return stubs.keysAddedSince(keysBefore);
    }

    private void assertUnchanged() {
        ApiResponse now = get();
        assertThat(now.field("avatarFileId")).isNull();
        assertThat(now.header("ETag")).isEqualTo(createdEtag);
        assertThat(newKeys()).isEmpty();
    }
}
