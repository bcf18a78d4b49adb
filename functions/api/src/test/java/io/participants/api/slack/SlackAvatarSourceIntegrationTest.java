package io.participants.api.slack;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.participants.api.providers.DownloadGuards;
import io.participants.api.providers.GuardedImageDownloader;
import io.participants.api.providers.ProviderCalls;
import io.participants.api.providers.Images;
import io.participants.api.providers.TrustingTls;
import io.participants.api.testing.LambdaContexts;
import io.participants.domain.avatar.AvatarImage;
import io.participants.domain.avatar.ProviderFailure;
import io.participants.domain.avatar.ProviderFailure.Reason;
import io.participants.domain.avatar.RemoteAvatar;
import io.participants.domain.connection.ProviderToken;
import io.participants.domain.integration.Provider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Slack adapter against a WireMock Web API (http) and image host (https), both on 127.0.0.1. */
class SlackAvatarSourceIntegrationTest {

    private static final String TOKEN = "xoxb-4021-7731-fakeTestTokenValue";
    private static final ProviderToken SLACK = new ProviderToken(TOKEN, "T04ACME01", "U04BOT0001",
            List.of("users:read"));
    private static final String USER = "U04RZ8Q2JKL";
    private static final String HASH = "g9a1c3b7e2f4";

    private static WireMockServer slack;
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private SlackAvatarSource source;

    @BeforeAll
    static void start() {
        slack = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort());
        slack.start();
    }

    @AfterAll
    static void stop() {
        slack.stop();
    }

    @BeforeEach
    void setUp() {
        slack.resetAll();
        var config = new SlackApiConfig(URI.create("http://127.0.0.1:" + slack.port() + "/api"),
                Duration.ofSeconds(2), Duration.ofMillis(1_500), Duration.ofSeconds(2));
        var guards = DownloadGuards.defaults()
                .withAllowedHosts(Set.of("localhost"))
                .withRefuseInternalAddresses(false)
                .withSslContext(TrustingTls.context());
        source = new SlackAvatarSource(config, new GuardedImageDownloader(guards), pauses::add);
    }

    @Test
    void isTheSlackSource() {
        assertThat(source.provider()).isEqualTo(Provider.SLACK);
    }

    @Test
    void findsTheOriginalImageAndItsHashWithTheBearerToken() {
        answer(okJson(user(true, image("original.png"), image("1024.png"), image("512.png"))));

        RemoteAvatar avatar = source.find(SLACK, USER);

        assertThat(avatar.imageUrl()).isEqualTo(URI.create(image("original.png")));
        assertThat(avatar.avatarHash()).isEqualTo(HASH);
        slack.verify(1, getRequestedFor(urlPathEqualTo("/api/users.info"))
                .withQueryParam("user", equalTo(USER))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void fallsBackTo1024ThenTo512() {
        answer(okJson(user(true, null, image("1024.png"), image("512.png"))));
        assertThat(source.find(SLACK, USER).imageUrl()).isEqualTo(URI.create(image("1024.png")));

        slack.resetAll();
        answer(okJson(user(true, null, null, image("512.png"))));
        assertThat(source.find(SLACK, USER).imageUrl()).isEqualTo(URI.create(image("512.png")));
    }

    @Test
    void aDefaultAvatarIsNoImage() {
        answer(okJson(user(false, null, image("1024.png"), image("512.png"))));

        assertFailure(Reason.NO_IMAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C04GENERAL1", "G01PRIVATE9", "D07DIRECT12", "not-an-id"})
    void aConversationIdIsNoImageWithoutAskingSlack(String address) {
        ProviderFailure failure = catchThrowableOfType(ProviderFailure.class, () -> source.find(SLACK, address));

        assertThat(failure.reason()).isEqualTo(Reason.NO_IMAGE);
        slack.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid_auth", "token_revoked", "account_inactive", "not_authed"})
    void aRefusedTokenIsTokenRejectedAndNeverEchoed(String error) {
        answer(okJson(slackError(error)));

        ProviderFailure failure = assertFailure(Reason.TOKEN_REJECTED);

        assertThat(failure.getMessage()).contains(error).doesNotContain(TOKEN);
    }

    @Test
    void anUnknownUserIsNoImage() {
        answer(okJson(slackError("user_not_found")));

        assertFailure(Reason.NO_IMAGE);
    }

    @Test
    void anotherSlackErrorIsUnavailable() {
        answer(okJson(slackError("ratelimited_internal")));

        assertFailure(Reason.UNAVAILABLE);
    }

    @Test
    void waitsOnceForAShortRetryAfterThenSucceeds() {
        slack.stubFor(get(urlPathEqualTo("/api/users.info")).inScenario("rate limit")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("waited"));
        slack.stubFor(get(urlPathEqualTo("/api/users.info")).inScenario("rate limit")
                .whenScenarioStateIs("waited")
                .willReturn(okJson(user(true, image("original.png"), null, null))));

        RemoteAvatar avatar = source.find(SLACK, USER);

        assertThat(avatar.avatarHash()).isEqualTo(HASH);
        assertThat(pauses).singleElement().satisfies(pause ->
                assertThat(pause).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1_250)));
        slack.verify(2, getRequestedFor(urlPathEqualTo("/api/users.info")));
    }

    @Test
    void aLongRetryAfterIsRateLimitedWithoutWaiting() {
        answer(aResponse().withStatus(429).withHeader("Retry-After", "30"));

        ProviderFailure failure = assertFailure(Reason.RATE_LIMITED);

        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(pauses).isEmpty();
        slack.verify(1, getRequestedFor(urlPathEqualTo("/api/users.info")));
    }

    @Test
    void aSecond429AfterTheWaitIsRateLimited() {
        answer(aResponse().withStatus(429).withHeader("Retry-After", "2"));

        ProviderFailure failure = assertFailure(Reason.RATE_LIMITED);

        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(pauses).singleElement().satisfies(pause ->
                assertThat(pause).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2_500)));
        slack.verify(2, getRequestedFor(urlPathEqualTo("/api/users.info")));
    }

    @Test
    void aRateLimitIsNotWaitedOutWhenTheInvocationHasNoTimeForIt() {
        answer(aResponse().withStatus(429).withHeader("Retry-After", "1"));

        // 1,000 ms after the reserve
        ProviderFailure failure = LambdaContexts.withTimeLeft(1_300, () -> assertFailure(Reason.RATE_LIMITED));

        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(pauses).isEmpty();
        slack.verify(1, getRequestedFor(urlPathEqualTo("/api/users.info")));
    }

    @Test
    void aSlowAnswerIsCutToTheInvocationsRemainingTimeAndIsOutOfTime() {
        answer(okJson(user(true, image("original.png"), null, null)).withFixedDelay(4_000));

        long started = System.nanoTime();
        // 600 ms after the reserve; Slack's limit is 1.5 s
        LambdaContexts.withTimeLeft(900, () -> assertFailure(Reason.OUT_OF_TIME));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_200));
    }

    @Test
    void noCallStartsWithoutTimeLeft() {
        answer(okJson(user(true, image("original.png"), null, null)));

        LambdaContexts.withTimeLeft(350, () -> assertFailure(Reason.OUT_OF_TIME)); // 50 ms after the reserve
        slack.verify(0, getRequestedFor(urlPathEqualTo("/api/users.info")));
    }

    @Test
    void jitterAddsAtMostAQuarterOfTheWaitAndNeverMoreThanHalfASecond() {
        for (int i = 0; i < 200; i++) {
            assertThat(ProviderCalls.jitter(Duration.ofSeconds(1))).isBetween(Duration.ZERO, Duration.ofMillis(250));
            assertThat(ProviderCalls.jitter(Duration.ofSeconds(10))).isBetween(Duration.ZERO, Duration.ofMillis(500));
        }
        assertThat(ProviderCalls.jitter(Duration.ZERO)).isZero();
        assertThat(IntStream.range(0, 200).mapToObj(i -> ProviderCalls.jitter(Duration.ofSeconds(2)))
                .distinct().count()).as("random, not fixed").isGreaterThan(1);
    }

    @Test
    void aServerErrorIsUnavailable() {
        answer(aResponse().withStatus(500).withBody("upstream connect error"));

        assertFailure(Reason.UNAVAILABLE);
    }

    @Test
    void unreadableJsonIsUnavailable() {
        answer(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>oops</html>"));

        assertFailure(Reason.UNAVAILABLE);
    }

    @Test
    void aSlowAnswerIsUnavailable() {
        answer(okJson(user(true, image("original.png"), null, null)).withFixedDelay(4_000));

        long started = System.nanoTime();
        assertFailure(Reason.UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3_000));
    }

    @Test
    void aMissingTokenIsRejectedWithoutAskingSlack() {
        var none = new ProviderToken(null, "T04ACME01", "U04BOT0001", List.of());

        ProviderFailure failure = catchThrowableOfType(ProviderFailure.class, () -> source.find(none, USER));

        assertThat(failure.reason()).isEqualTo(Reason.TOKEN_REJECTED);
        slack.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void downloadsTheImageItFoundThroughTheGuards() {
        slack.stubFor(get("/2024-03-11/6812_" + HASH + "_original.png").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withBody(Images.PNG)));
        answer(okJson(user(true, image("original.png"), null, null)));

        AvatarImage image = source.download(source.find(SLACK, USER));

        assertThat(image.bytes()).isEqualTo(Images.PNG);
        assertThat(image.contentType()).isEqualTo("image/png");
    }

    private static void answer(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        slack.stubFor(get(urlPathEqualTo("/api/users.info")).willReturn(response));
    }

    private ProviderFailure assertFailure(Reason reason) {
        ProviderFailure failure = catchThrowableOfType(ProviderFailure.class, () -> source.find(SLACK, USER));
        assertThat(failure).isNotNull();
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.getMessage()).doesNotContain(TOKEN);
        return failure;
    }

    /** An image URL on the WireMock https port, shaped like Slack's CDN paths. */
    private static String image(String size) {
        return "https://localhost:" + slack.httpsPort() + "/2024-03-11/6812_" + HASH + "_" + size;
    }

    private static String slackError(String error) {
        return """
                {"ok": false, "error": "%s", "warning": "superfluous_charset",
                 "response_metadata": {"warnings": ["superfluous_charset"]}}""".formatted(error);
    }

    /** A users.info answer in the shape of the recorded fixture, with only the chosen images present. */
    private static String user(boolean customImage, String original, String image1024, String image512) {
        return """
                {
                  "ok": true,
                  "user": {
                    "id": "%s", "team_id": "T04ACME01", "name": "maria.lopez", "deleted": false,
                    "color": "9f69e7", "real_name": "Maria Lopez", "tz": "Europe/Madrid",
                    "tz_label": "Central European Time", "tz_offset": 3600,
                    "profile": {
                      "title": "Support lead", "phone": "", "skype": "",
                      "real_name": "Maria Lopez", "real_name_normalized": "Maria Lopez",
                      "display_name": "maria", "display_name_normalized": "maria",
                      "status_text": "On a call", "status_emoji": ":phone:", "status_expiration": 0,
                      "avatar_hash": "%s", "always_active": false,
                      "image_24": "https://avatars.slack-edge.com/2024-03-11/6812_%s_24.png",
                      "image_72": "https://avatars.slack-edge.com/2024-03-11/6812_%s_72.png",
                      "image_192": "https://avatars.slack-edge.com/2024-03-11/6812_%s_192.png",
                      %s%s%s
                      "status_emoji_display_info": [{"emoji_name": "phone", "display_url": "https://a.slack-edge.com/production-standard-emoji-assets/14.0/apple-large/1f4de.png"}],
                      "is_custom_image": %s,
                      "email": "maria.lopez@acme.example", "first_name": "Maria", "last_name": "Lopez",
                      "team": "T04ACME01"
                    },
                    "is_admin": false, "is_bot": false, "updated": 1710150000,
                    "enterprise_user": {"id": "%s", "enterprise_id": "E01ACME", "teams": ["T04ACME01"]},
                    "teams": ["T04ACME01"]
                  },
                  "warning": ""
                }""".formatted(USER, HASH, HASH, HASH, HASH,
                field("image_original", original), field("image_1024", image1024), field("image_512", image512),
                customImage, USER);
    }

    private static String field(String name, String value) {
        return value == null ? "" : "\"" + name + "\": \"" + value + "\",\n";
    }
}
