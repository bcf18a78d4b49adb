package io.participants.api.gravatar;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.participants.api.providers.DownloadGuards;
import io.participants.api.providers.GuardedImageDownloader;
import io.participants.api.providers.Images;
import io.participants.api.providers.TrustingTls;
import io.participants.domain.avatar.AvatarImage;
import io.participants.domain.avatar.ProviderFailure;
import io.participants.domain.avatar.ProviderFailure.Reason;
import io.participants.domain.avatar.RemoteAvatar;
import io.participants.domain.common.TenantId;
import io.participants.domain.integration.IntegrationConfig;
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
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Gravatar against a WireMock stand-in (https, 127.0.0.1) answering as docs.gravatar.com says: the image at
 * {@code /avatar/<sha256>?s=512&d=404}, 404 for an address without one.
 */
class GravatarAvatarSourceIntegrationTest {

    private static final String ADDRESS = "  Maria.Lopez@ACME.example ";
    private static final int CAP = 16 * 1024;

    private static WireMockServer gravatar;
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private GravatarAvatarSource source;

    @BeforeAll
    static void start() {
        gravatar = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").httpDisabled(true)
                .dynamicHttpsPort());
        gravatar.start();
    }

    @AfterAll
    static void stop() {
        gravatar.stop();
    }

    @BeforeEach
    void setUp() {
        gravatar.resetAll();
        var guards = DownloadGuards.defaults().withAllowedHosts(Set.of("localhost"))
                .withRefuseInternalAddresses(false).withSslContext(TrustingTls.context())
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(4)).withMaxBytes(CAP);
        source = new GravatarAvatarSource(URI.create("https://localhost:" + gravatar.httpsPort()),
                new GuardedImageDownloader(guards, pauses::add));
    }

    @Test
    void theKeyIsTheSha256OfTheTrimmedLowerCasedAddress() throws Exception {
        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("maria.lopez@acme.example".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(GravatarAvatarSource.hash(ADDRESS)).isEqualTo(expected).hasSize(64);
        assertThat(source.find(null, ADDRESS).imageUrl().toString())
                .endsWith("/avatar/" + expected + "?s=512&d=404");
    }

    @Test
    void onlyAnEmailConfigThatTurnsItOnIsServed() {
        var tenant = new TenantId("acme");
        var on = new IntegrationConfig(tenant, UUID.randomUUID(), Provider.EMAIL, "Mail", 1L, null, true);
        var off = new IntegrationConfig(tenant, UUID.randomUUID(), Provider.EMAIL, "Mail", 1L, null, false);

        assertThat(source.needsToken()).isFalse();
        assertThat(source.enabledFor(on)).isTrue();
        assertThat(source.enabledFor(off)).isFalse();
        assertThat(GravatarAvatarSource.IMAGE_HOSTS).contains("gravatar.com", "*.gravatar.com");
    }

    @Test
    void downloadsTheImage() {
        serve(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(Images.PNG));

        AvatarImage image = source.download(source.find(null, ADDRESS));

        assertThat(image.bytes()).isEqualTo(Images.PNG);
        gravatar.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                        urlPathEqualTo("/avatar/" + GravatarAvatarSource.hash(ADDRESS)))
                .withQueryParam("s", equalTo("512")).withQueryParam("d", equalTo("404")));
    }

    @Test
    void notFoundIsNoImage() {
        serve(aResponse().withStatus(404));

        assertFailure(Reason.NO_IMAGE);
    }

    @Test
    void aShortRetryAfterIsWaitedOutOnceThenALongOneIsRateLimited() {
        serve(aResponse().withStatus(429).withHeader("Retry-After", "1"));

        ProviderFailure failure = assertFailure(Reason.RATE_LIMITED);

        assertThat(pauses).hasSize(1);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        pauses.clear();
        serve(aResponse().withStatus(429).withHeader("Retry-After", "60"));
        assertThat(assertFailure(Reason.RATE_LIMITED).retryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(pauses).isEmpty();
    }

    @Test
    void aRateLimitWithoutRetryAfterWaitsTheDefault() {
        serve(aResponse().withStatus(429));

        assertFailure(Reason.RATE_LIMITED);

        assertThat(pauses).hasSize(1);
    }

    @Test
    void aServerErrorIsUnavailable() {
        serve(aResponse().withStatus(503));

        assertFailure(Reason.UNAVAILABLE);
    }

    @Test
    void aSlowAnswerIsUnavailable() {
        serve(aResponse().withStatus(200).withBody(Images.PNG).withFixedDelay(6_000));

        assertFailure(Reason.UNAVAILABLE);
    }

    @Test
    void anImageOverTheCapIsRefused() {
        serve(aResponse().withStatus(200).withBody(Arrays.copyOf(Images.PNG, CAP + 1)));

        assertFailure(Reason.IMAGE_REFUSED);
    }

    @Test
    void htmlServedAsAnImageIsRefused() {
        serve(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody("<html>hi</html>"));

        assertFailure(Reason.IMAGE_REFUSED);
    }

    @Test
    void aRedirectToAnInternalAddressIsRefused() {
        serve(aResponse().withStatus(302).withHeader("Location", "https://169.254.169.254/latest/meta-data/"));

        assertFailure(Reason.IMAGE_REFUSED);
    }

    private void serve(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        gravatar.stubFor(get(urlPathEqualTo("/avatar/" + GravatarAvatarSource.hash(ADDRESS))).willReturn(answer));
    }

    private ProviderFailure assertFailure(Reason reason) {
        RemoteAvatar remote = source.find(null, ADDRESS);
        ProviderFailure failure = catchThrowableOfType(ProviderFailure.class, () -> source.download(remote));
        assertThat(failure).as("failure").isNotNull();
        assertThat(failure.reason()).as(failure.getMessage()).isEqualTo(reason);
        return failure;
    }
}
