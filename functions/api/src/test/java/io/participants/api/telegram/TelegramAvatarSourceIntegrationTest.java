package io.participants.api.telegram;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.participants.api.providers.DownloadGuards;
import io.participants.api.providers.GuardedImageDownloader;
import io.participants.api.providers.Images;
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

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.participants.api.telegram.TelegramStandIn.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Telegram adapter against a WireMock Bot API and file host (http, 127.0.0.1). */
class TelegramAvatarSourceIntegrationTest {

    private static final ProviderToken BOT = new ProviderToken(TOKEN, TelegramStandIn.BOT_ID, "acme_support_bot",
            List.of());
    private static final String USER = "123456789";
    private static final int CAP = 16 * 1024;

    private static WireMockServer server;
    private static TelegramStandIn telegram;
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private TelegramAvatarSource source;
    private TelegramTokenVerifier verifier;

    @BeforeAll
    static void start() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        telegram = new TelegramStandIn(server);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void setUp() {
        server.resetAll();
        var config = new TelegramApiConfig(URI.create("http://127.0.0.1:" + server.port()),
                Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(2));
        // the stand-in serves files over plain http on loopback: only a test (or local mode) may allow that
        var guards = DownloadGuards.defaults().withAllowedHosts(Set.of("127.0.0.1")).withHttpsOnly(false)
                .withRefuseInternalAddresses(false).withMaxBytes(CAP);
        source = new TelegramAvatarSource(config, new GuardedImageDownloader(guards, pauses::add), pauses::add);
        verifier = new TelegramTokenVerifier(config, pauses::add);
    }

    @Test
    void isTheTelegramSourceAndOnlyApiTelegramOrgServesItsFiles() {
        assertThat(source.provider()).isEqualTo(Provider.TELEGRAM);
        assertThat(source.needsToken()).isTrue();
        assertThat(TelegramAvatarSource.IMAGE_HOSTS).containsExactly("api.telegram.org");
    }

    @Test
    void findsTheLargestSizeOfTheNewestPhotoAndDownloadsIt() {
        telegram.photo(USER, "AQADlarge01");
        telegram.file(Images.JPEG);

        RemoteAvatar remote = source.find(BOT, USER);
        AvatarImage image = source.download(remote);

        assertThat(remote.avatarHash()).isEqualTo("tg:AQADlarge01");
        assertThat(remote.toString()).doesNotContain(TelegramStandIn.SECRET_PART);
        assertThat(image.bytes()).isEqualTo(Images.JPEG);
        assertThat(image.contentType()).isEqualTo("image/jpeg");
    }

    @Test
    void noPhotoIsNoImage() {
        telegram.noPhoto(USER);

        assertFailure(Reason.NO_IMAGE);
    }

    @Test
    void aGroupChatIsNoImageWithoutAskingTelegram() {
        ProviderFailure failure = catchThrowableOfType(ProviderFailure.class,
                () -> source.find(BOT, "-1001234567890"));

        assertThat(failure.reason()).isEqualTo(Reason.NO_IMAGE);
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anUnknownUserIsNoImage() {
        telegram.photos(USER, TelegramStandIn.error(400, "Bad Request: user not found"));

        assertFailure(Reason.NO_IMAGE);
    }

    @Test
    void unauthorizedIsARejectedToken() {
        telegram.photos(USER, TelegramStandIn.error(401, "Unauthorized"));

        assertFailure(Reason.TOKEN_REJECTED);
    }

    @Test
    void aMalformedStoredTokenIsRejectedWithoutACall() {
        var bad = new ProviderToken("not a token", "1", null, List.of());

        assertThat(catchThrowableOfType(ProviderFailure.class, () -> source.find(bad, USER)).reason())
                .isEqualTo(Reason.TOKEN_REJECTED);
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aShortRetryAfterIsWaitedOutOnce() {
        telegram.photo(USER, "AQADlarge01");
        server.stubFor(get(urlPathEqualTo(TelegramStandIn.method("getUserProfilePhotos")))
                .inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(TelegramStandIn.tooManyRequests(1)).willSetStateTo("again"));
        server.stubFor(get(urlPathEqualTo(TelegramStandIn.method("getUserProfilePhotos")))
                .inScenario("limited").whenScenarioStateIs("again")
                .willReturn(okJson(okPhotos())));

        RemoteAvatar remote = source.find(BOT, USER);

        assertThat(remote.avatarHash()).isEqualTo("tg:AQADlarge01");
        assertThat(pauses).hasSize(1);
        assertThat(pauses.get(0)).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1_250));
    }

    @Test
    void aLongRetryAfterIsRateLimitedWithItsWait() {
        telegram.photos(USER, TelegramStandIn.tooManyRequests(30));

        ProviderFailure failure = assertFailure(Reason.RATE_LIMITED);

        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(pauses).isEmpty();
    }

    @Test
    void aRateLimitWithoutRetryAfterWaitsTheDefaultOnceThenGivesUp() {
        telegram.photos(USER, TelegramStandIn.tooManyRequests(null));

        ProviderFailure failure = assertFailure(Reason.RATE_LIMITED);

        assertThat(pauses).hasSize(1);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aServerErrorIsUnavailable() {
        telegram.photos(USER, TelegramStandIn.error(502, "Bad Gateway"));

        assertFailure(Reason.UNAVAILABLE);
    }

    @Test
    void aSlowAnswerIsUnavailable() {
        telegram.photos(USER, aResponse().withStatus(200).withBody(okPhotos()).withFixedDelay(6_000));

        assertFailure(Reason.UNAVAILABLE);
    }

    @Test
    void anImageOverTheCapIsRefused() {
        telegram.photo(USER, "AQADlarge01");
        telegram.file(Arrays.copyOf(Images.JPEG, CAP + 1));

        assertDownloadFailure(Reason.IMAGE_REFUSED);
    }

    @Test
    void htmlServedAsAnImageIsRefused() {
        telegram.photo(USER, "AQADlarge01");
        telegram.file(aResponse().withStatus(200).withHeader("Content-Type", "image/jpeg")
                .withBody("<html><body>login</body></html>"));

        assertDownloadFailure(Reason.IMAGE_REFUSED);
    }

    @Test
    void aRedirectToAnInternalAddressIsRefused() {
        telegram.photo(USER, "AQADlarge01");
        telegram.file(aResponse().withStatus(302).withHeader("Location", "http://169.254.169.254/latest/meta-data/"));

        assertDownloadFailure(Reason.IMAGE_REFUSED);
    }

    @Test
    void aFileServerErrorIsUnavailable() {
        telegram.photo(USER, "AQADlarge01");
        telegram.file(aResponse().withStatus(500));

        assertDownloadFailure(Reason.UNAVAILABLE);
    }

    @Test
    void getMeNamesTheBotAndARejectedTokenIsRejected() {
        telegram.getMe();

        ProviderToken token = verifier.verify(TOKEN);

        assertThat(token.teamId()).isEqualTo(TelegramStandIn.BOT_ID);
        assertThat(token.botUserId()).isEqualTo("acme_support_bot");
        assertThat(token.prefix()).doesNotContain(TelegramStandIn.SECRET_PART);
        String other = TelegramStandIn.BOT_ID + ":AAHanotherSecretThatTelegramRefuses01";
        server.stubFor(get(urlPathEqualTo("/bot" + other + "/getMe"))
                .willReturn(TelegramStandIn.error(401, "Unauthorized")));
        assertThat(catchThrowableOfType(ProviderFailure.class, () -> verifier.verify(other)).reason())
                .isEqualTo(Reason.TOKEN_REJECTED);
    }

    @Test
    void aValueThatIsNoBotTokenIsInvalidAndNotQuoted() {
        assertThatThrownBy(() -> verifier.verify("@acme_support_bot hunter2value"))
                .hasMessageNotContaining("hunter2value");
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    private static String okPhotos() {
        return """
                {"ok":true,"result":{"total_count":1,"photos":[[
                  {"file_id":"AgACAgLarge","file_unique_id":"AQADlarge01","file_size":26510,"width":640,"height":640}
                ]]}}""";
    }

    private ProviderFailure assertFailure(Reason reason) {
        ProviderFailure failure = catchThrowableOfType(ProviderFailure.class, () -> source.find(BOT, USER));
        assertThat(failure).as("failure").isNotNull();
        assertThat(failure.reason()).as(failure.getMessage()).isEqualTo(reason);
        assertThat(failure.getMessage()).doesNotContain(TelegramStandIn.SECRET_PART);
        return failure;
    }

    private void assertDownloadFailure(Reason reason) {
        RemoteAvatar remote = source.find(BOT, USER);
        ProviderFailure failure = catchThrowableOfType(ProviderFailure.class, () -> source.download(remote));
        assertThat(failure).as("failure").isNotNull();
        assertThat(failure.reason()).as(failure.getMessage()).isEqualTo(reason);
        assertThat(failure.getMessage()).doesNotContain(TelegramStandIn.SECRET_PART);
    }
}
