package io.participants.api.providers;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.participants.api.testing.LambdaContexts;
import io.participants.domain.avatar.AvatarImage;
import io.participants.domain.avatar.ProviderFailure;
import io.participants.domain.avatar.ProviderFailure.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The download guards against an image host served by WireMock over https on 127.0.0.1. */
class GuardedImageDownloaderIntegrationTest {

    private static final long CAP = 1024;

    private static WireMockServer images;
    private static DownloadGuards guards;
    private static GuardedImageDownloader downloader;

    @BeforeAll
    static void start() {
        images = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort());
        images.start();
        // Loopback is the only place a test can serve from, so the internal-address check is off here alone.
        guards = DownloadGuards.defaults()
                .withAllowedHosts(Set.of("localhost"))
                .withRefuseInternalAddresses(false)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(1_500))
                .withMaxBytes(CAP)
                .withSslContext(TrustingTls.context());
        downloader = new GuardedImageDownloader(guards);
    }

    @AfterAll
    static void stop() {
        images.stop();
    }

    @BeforeEach
    void reset() {
        images.resetAll();
    }

    @Test
    void acceptsEachImageFormatWithTheTypeItsBytesShow() {
        serve("/a.png", Images.PNG, "image/png");
        serve("/a.jpg", Images.JPEG, "image/jpeg");
        serve("/a.gif", Images.GIF, "image/gif");
        // A wrong declared type does not matter: the bytes decide.
        serve("/a.webp", Images.WEBP, "application/octet-stream");

        assertImage("/a.png", Images.PNG, "image/png");
        assertImage("/a.jpg", Images.JPEG, "image/jpeg");
        assertImage("/a.gif", Images.GIF, "image/gif");
        assertImage("/a.webp", Images.WEBP, "image/webp");
    }

    @Test
    void refusesANonImageBodySentAsPng() {
        serve("/fake.png", "<html>not an image</html>".getBytes(StandardCharsets.UTF_8), "image/png");

        assertRefused(url("/fake.png"), "not a png, jpeg, gif or webp");
    }

    @Test
    void refusesPlainHttpBeforeConnecting() {
        assertRefused(URI.create("http://localhost:" + images.httpsPort() + "/a.png"), "scheme 'http'");
        images.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void refusesAHostOutsideTheAllowlistBeforeConnecting() {
        serve("/a.png", Images.PNG, "image/png");

        assertRefused(URI.create("https://127.0.0.1:" + images.httpsPort() + "/a.png"), "not allowed");
        images.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void followsAnAllowedRedirect() {
        redirect("/old", "/moved");
        redirect("/moved", url("/new.png").toString());
        serve("/new.png", Images.PNG, "image/png");

        AvatarImage image = downloader.download(url("/old"));

        assertThat(image.bytes()).isEqualTo(Images.PNG);
        images.verify(1, getRequestedFor(urlEqualTo("/new.png")));
    }

    @Test
    void refusesARedirectToALoopbackAddressWithoutConnectingToIt() {
        redirect("/avatar.png", "https://127.0.0.1:" + images.httpsPort() + "/internal.png");
        serve("/internal.png", Images.PNG, "image/png");

        assertRefused(url("/avatar.png"), "host 127.0.0.1 is not allowed");
        images.verify(0, getRequestedFor(urlEqualTo("/internal.png")));
    }

    @Test
    void refusesARedirectToTheMetadataServiceWithoutConnectingToIt() {
        redirect("/avatar.png", "https://169.254.169.254/latest/meta-data/iam/security-credentials/");

        long started = System.nanoTime();
        assertRefused(url("/avatar.png"), "host 169.254.169.254 is not allowed");
        // No connect timeout was spent: the refusal came before any connection.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void refusesARedirectToPlainHttp() {
        redirect("/avatar.png", "http://localhost:" + images.httpsPort() + "/a.png");

        assertRefused(url("/avatar.png"), "scheme 'http'");
    }

    @Test
    void refusesMoreThanThreeRedirects() {
        redirect("/r1", "/r2");
        redirect("/r2", "/r3");
        redirect("/r3", "/r4");
        redirect("/r4", "/a.png");
        serve("/a.png", Images.PNG, "image/png");

        assertRefused(url("/r1"), "more than 3 redirects");
        images.verify(0, getRequestedFor(urlEqualTo("/a.png")));
    }

    @Test
    void refusesAnImageDeclaredLargerThanTheCap() {
        byte[] big = Images.pngOfSize((int) CAP + 1);
        images.stubFor(get("/big.png").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/png")
                .withHeader("Content-Length", String.valueOf(big.length)).withBody(big)));

        assertRefused(url("/big.png"), "declares more than " + CAP);
    }

    @Test
    void refusesAnImageThatStreamsPastTheCapWithoutAContentLength() {
        images.stubFor(get("/stream.png").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png")
                .withBody(Images.pngOfSize((int) CAP * 4))
                // WireMock sends chunked bodies: the size is only known while the body streams.
                .withChunkedDribbleDelay(8, 100)));

        assertRefused(url("/stream.png"), "larger than " + CAP);
    }

    @Test
    void acceptsAnImageOfExactlyTheCap() {
        serve("/exact.png", Images.pngOfSize((int) CAP), "image/png");

        assertThat(downloader.download(url("/exact.png")).bytes()).hasSize((int) CAP);
    }

    @Test
    void aSlowImageHostIsUnavailable() {
        images.stubFor(get("/slow.png").willReturn(aResponse().withStatus(200).withBody(Images.PNG)
                .withFixedDelay(4_000)));

        ProviderFailure failure = catchThrowableOfType(ProviderFailure.class,
                () -> downloader.download(url("/slow.png")));

        assertThat(failure.reason()).isEqualTo(Reason.UNAVAILABLE);
    }

    @Test
    void aSlowImageHostIsCutToTheInvocationsRemainingTimeAndIsOutOfTime() {
        images.stubFor(get("/slower.png").willReturn(aResponse().withStatus(200).withBody(Images.PNG)
                .withFixedDelay(4_000)));

        long started = System.nanoTime();
        // 500 ms after the reserve, under the 1.5 s limit
        ProviderFailure failure = LambdaContexts.withTimeLeft(800, () ->
                catchThrowableOfType(ProviderFailure.class, () -> downloader.download(url("/slower.png"))));

        assertThat(failure.reason()).isEqualTo(Reason.OUT_OF_TIME);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_200));
    }

    @Test
    void noDownloadStartsWithoutTimeLeft() {
        serve("/never.png", Images.PNG, "image/png");

        ProviderFailure failure = LambdaContexts.withTimeLeft(300, () ->
                catchThrowableOfType(ProviderFailure.class, () -> downloader.download(url("/never.png"))));

        assertThat(failure.reason()).isEqualTo(Reason.OUT_OF_TIME);
        images.verify(0, getRequestedFor(urlEqualTo("/never.png")));
    }

    @Test
    void aMissingImageIsRefusedAndAFailingHostUnavailable() {
        images.stubFor(get("/gone.png").willReturn(aResponse().withStatus(404)));
        images.stubFor(get("/broken.png").willReturn(aResponse().withStatus(503)));

        assertRefused(url("/gone.png"), "404");
        assertThat(catchThrowableOfType(ProviderFailure.class, () -> downloader.download(url("/broken.png"))).reason())
                .isEqualTo(Reason.UNAVAILABLE);
    }

    @Test
    void refusesAnAllowedHostThatResolvesToLoopbackWhenTheCheckIsOn() {
        serve("/a.png", Images.PNG, "image/png");
        var strict = new GuardedImageDownloader(guards.withRefuseInternalAddresses(true));

        ProviderFailure failure = catchThrowableOfType(ProviderFailure.class, () -> strict.download(url("/a.png")));

        assertThat(failure.reason()).isEqualTo(Reason.IMAGE_REFUSED);
        assertThat(failure.getMessage()).contains("internal address");
        images.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void refusesASlackHostWhoseNameResolvesToAPrivateAddress() {
        // DNS that points an allowed name at the VPC: refused on the address, not the name.
        var rebound = new GuardedImageDownloader(DownloadGuards.defaults().forProvider(Set.of("avatars.slack-edge.com")),
                host -> new InetAddress[]{InetAddress.getByName("10.0.3.7")});

        ProviderFailure failure = catchThrowableOfType(ProviderFailure.class,
                () -> rebound.download(URI.create("https://avatars.slack-edge.com/2024-01-01/123_abc_512.png")));

        assertThat(failure.reason()).isEqualTo(Reason.IMAGE_REFUSED);
        assertThat(failure.getMessage()).contains("internal address");
    }

    private static URI url(String path) {
        return URI.create("https://localhost:" + images.httpsPort() + path);
    }

    private static void serve(String path, byte[] body, String contentType) {
        images.stubFor(get(path).willReturn(aResponse().withStatus(200).withHeader("Content-Type", contentType)
                .withBody(body)));
    }

    private static void redirect(String path, String location) {
        images.stubFor(get(path).willReturn(aResponse().withStatus(302).withHeader("Location", location)));
    }

    private static void assertImage(String path, byte[] bytes, String contentType) {
        AvatarImage image = downloader.download(url(path));
        assertThat(image.bytes()).isEqualTo(bytes);
        assertThat(image.contentType()).isEqualTo(contentType);
    }

    private static void assertRefused(URI uri, String why) {
        ProviderFailure failure = catchThrowableOfType(ProviderFailure.class, () -> downloader.download(uri));
        assertThat(failure).as("refusal of " + uri).isNotNull();
        assertThat(failure.reason()).isEqualTo(Reason.IMAGE_REFUSED);
        assertThat(failure.getMessage()).contains(why);
    }
}
