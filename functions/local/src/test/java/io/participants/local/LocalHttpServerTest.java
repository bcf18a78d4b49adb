package io.participants.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway's HTTP server over real loopback sockets, in front of the real {@link LocalGateway} with a fake
 * function: what API Gateway would answer to what never reaches the function, and what does reach it.
 */
class LocalHttpServerTest {

    private static final String ISSUER = "https://issuer.test";
    private static final String AUDIENCE = "participants-api";
    private static final RSAKey KEY = LocalIssuer.generateKey();

    private final LocalIssuer issuer = new LocalIssuer(KEY, ISSUER, AUDIENCE, Clock.systemUTC());
    private final String token = issuer.mint("dev", "acme", List.of("participants:read", "participants:write"),
            Duration.ofMinutes(5));
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<APIGatewayV2HTTPEvent> received = new AtomicReference<>();
    private APIGatewayV2HTTPResponse reply = APIGatewayV2HTTPResponse.builder().withStatusCode(200)
            .withHeaders(Map.of("Content-Type", "application/json")).withBody("{\"ok\":true}").build();
    private final LocalGateway gateway = new LocalGateway(new JwtAuthorizer(issuer.publicKeys(), ISSUER, AUDIENCE),
            (event, context) -> {
                calls.incrementAndGet();
                received.set(event);
                return reply;
            }, Clock.systemUTC());
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private LocalHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Stream<Arguments> unparseableRequests() {
        // the server keeps a connection open after its own 400 (the gateway's), as API Gateway does; Jetty does not
        String host = "Host: 127.0.0.1\r\nConnection: close\r\n";
        return Stream.of(
                Arguments.of("a broken escape", "GET /v1/tenants/%ZZ/participants HTTP/1.1\r\n" + host + "\r\n", 400),
                Arguments.of("a lone percent sign", "GET /v1/tenants/%/participants HTTP/1.1\r\n" + host + "\r\n", 400),
                Arguments.of("a truncated escape", "GET /v1/tenants/acme%4 HTTP/1.1\r\n" + host + "\r\n", 400),
                Arguments.of("escapes that are no UTF-8",
                        "GET /v1/tenants/%e0%a4/participants HTTP/1.1\r\n" + host + "\r\n", 400),
                Arguments.of("a lone continuation byte", "GET /v1/tenants/a%80b HTTP/1.1\r\n" + host + "\r\n", 400),
                Arguments.of("a broken escape in the query",
                        "GET /v1/tenants/acme/participants?q=%ZZ HTTP/1.1\r\n" + host + "\r\n", 400),
                Arguments.of("a quote in the path", "GET /v1/tenants/a\"b HTTP/1.1\r\n" + host + "\r\n", 400),
                Arguments.of("a brace in the path", "GET /v1/tenants/{acme} HTTP/1.1\r\n" + host + "\r\n", 400),
                Arguments.of("a control character in the path",
                        "GET /v1/tenants/a\u0001b HTTP/1.1\r\n" + host + "\r\n", 400),
                Arguments.of("no request line at all", "GARBAGE\r\n\r\n", 400),
                Arguments.of("an unknown protocol version", "GET / HTTP/9.9\r\n" + host + "\r\n", 505),
                Arguments.of("HTTP/2 without an upgrade", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 426),
                Arguments.of("a path that climbs above the root",
                        "GET /../v1/tenants/acme/participants HTTP/1.1\r\n" + host + "\r\n", 400),
                Arguments.of("an encoded NUL", "GET /v1/tenants/a%00b HTTP/1.1\r\n" + host + "\r\n", 400),
                Arguments.of("a raw non-ASCII character",
                        "GET /v1/tenants/caf\u00c3\u00a9 HTTP/1.1\r\n" + host + "\r\n", 400),
                Arguments.of("a fragment", "GET /v1/tenants/acme/participants#top HTTP/1.1\r\n" + host + "\r\n", 400),
                Arguments.of("a Content-Length that is no number",
                        "POST / HTTP/1.1\r\n" + host + "Content-Length: ten\r\n\r\n", 400),
                Arguments.of("an unknown transfer coding",
                        "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip\r\n\r\n", 400),
                Arguments.of("a header without a colon", "GET / HTTP/1.1\r\n" + host + "Not a header\r\n\r\n", 400),
                Arguments.of("two Content-Lengths that disagree",
                        "POST / HTTP/1.1\r\n" + host + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400),
                Arguments.of("a header too large",
                        "GET / HTTP/1.1\r\n" + host + "X-Big: " + "x".repeat(LocalHttpServer.MAX_HEADER_BYTES)
                                + "\r\n\r\n", 431),
                Arguments.of("a path too long",
                        "GET /" + "a".repeat(LocalHttpServer.MAX_HEADER_BYTES) + " HTTP/1.1\r\n" + host + "\r\n", 414));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unparseableRequests")
    void aRequestThatCannotBeParsedIsAnsweredInApiGatewaysJson(String what, String request, int status)
            throws IOException {
        serve();

        RawResponse response = sendRaw(request);

        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).containsExactly("application/json");
        assertThat(response.body()).matches("\\{\"message\":\"[A-Za-z ]+\"}");
        assertThat(response.body()).doesNotContain("Exception", "java.", "jetty", "<h1>", "<html");
        assertThat(calls).hasValue(0);
    }

    @Test
    void theIssuesExampleIsABadRequestInJson() throws IOException {
        serve();

        RawResponse response = sendRaw("GET /v1/tenants/%ZZ/participants HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"message\":\"Bad Request\"}");
    }

    @Test
    void beforeItIsServedARequestIsA503ProblemAndTheFunctionNeverRuns() throws Exception {
        server = LocalHttpServer.bind(0);

        HttpResponse<String> early = http.send(get("/v1/tenants/acme/participants").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> earlyPost = http.send(request("/v1/tenants/acme/participants")
                .POST(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Ada\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> response : List.of(early, earlyPost)) {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().allValues("Content-Type")).containsExactly("application/problem+json");
            assertThat(response.headers().allValues("Retry-After")).containsExactly("1");
            assertThat(response.body()).isEqualTo("{\"type\":\"urn:problem-type:participants:service-unavailable\","
                    + "\"title\":\"The service is temporarily unavailable\",\"status\":503,"
                    + "\"detail\":\"Local mode is still starting; retry in a moment.\"}");
        }
        assertThat(calls).hasValue(0);
        // what API Gateway could not parse is refused all the same, starting or not
        assertThat(sendRaw("GET /v1/tenants/acme/participants?q=%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n").status()).isEqualTo(400);

        server.serve(gateway);
        HttpResponse<String> ready = http.send(get("/v1/tenants/acme/participants").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(calls).hasValue(1);
    }

    @Test
    void thePathReachesTheFunctionDecodedOnceAndTheQueryRaw() throws Exception {
        serve();

        HttpResponse<String> response = http.send(
                get("/v1/tenants/acme/participants/john.doe%40example.com+%2B1%252B%C3%A9?filter=a%20b+c&x=1&x=%2B")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        APIGatewayV2HTTPEvent event = received.get();
        assertThat(event.getRawPath()).isEqualTo("/v1/tenants/acme/participants/john.doe@example.com++1%2Bé");
        assertThat(event.getRequestContext().getHttp().getPath()).isEqualTo(event.getRawPath());
        assertThat(event.getPathParameters()).containsEntry("participantId", "john.doe@example.com++1%2Bé");
        assertThat(event.getRawQueryString()).isEqualTo("filter=a%20b+c&x=1&x=%2B");
        assertThat(event.getQueryStringParameters()).containsEntry("filter", "a b c").containsEntry("x", "1,+");
        assertThat(event.getRequestContext().getHttp().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(event.getRequestContext().getHttp().getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("GET");
    }

    @Test
    void anEncodedSlashIsDecodedLikeAnyEscapeSoItSplitsTheSegment() throws Exception {
        serve();

        HttpResponse<String> split = http.send(get("/v1/tenants/acme/participants/a%2Fb").build(),
                HttpResponse.BodyHandlers.ofString());

        // decoded, the path has one segment more than any route: API Gateway's 404, the function never runs
        assertThat(split.statusCode()).isEqualTo(404);
        assertThat(split.body()).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(calls).hasValue(0);
    }

    @Test
    void repeatedHeadersKeepEveryValueBothWays() throws Exception {
        reply = APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withMultiValueHeaders(Map.of("Vary", List.of("Accept", "Origin")))
                .withCookies(List.of("a=1; Path=/", "b=2; Path=/"))
                .withBody("{}").build();
        serve();

        HttpResponse<String> response = http.send(get("/v1/tenants/acme/participants")
                .header("X-Trace", "first").header("X-Trace", "second").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(received.get().getHeaders()).containsEntry("x-trace", "first,second");
        assertThat(response.headers().allValues("Vary")).containsExactly("Accept", "Origin");
        assertThat(response.headers().allValues("Set-Cookie")).containsExactly("a=1; Path=/", "b=2; Path=/");
    }

    @Test
    void aDeclaredBodyOverTenMebibytesIsTooLargeAndItsConnectionIsNotReset() throws Exception {
        serve();
        byte[] body = new byte[LocalGateway.MAX_BODY_BYTES + 1];

        // a reset would fail the send with an IOException instead of answering
        HttpResponse<String> response = http.send(request("/v1/tenants/acme/participants")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json");
        assertThat(response.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
        assertThat(calls).hasValue(0);
    }

    @Test
    void aClientStillSendingItsOversizedBodyGetsTheAnswerAfterIt() throws IOException {
        serve();
        byte[] chunk = new byte[64 * 1024];
        int length = LocalGateway.MAX_BODY_BYTES + 1;

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/tenants/acme/participants HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            // the answer is already decided; a server that stopped reading now would reset this upload
            for (int sent = 0; sent < length; sent += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, length - sent));
            }
            out.flush();
            RawResponse response = RawResponse.parse(
                    new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void aChunkedBodyOverTenMebibytesIsTooLarge() throws Exception {
        serve();
        byte[] body = new byte[LocalGateway.MAX_BODY_BYTES + 1];
        // without a declared length the server has to count the bytes itself
        HttpRequest.BodyPublisher chunked =
                HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body));

        HttpResponse<String> response = http.send(request("/v1/tenants/acme/participants")
                .header("Content-Type", "application/json").POST(chunked).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
        assertThat(calls).hasValue(0);
    }

    @Test
    void aBodyWithinTheLimitReachesTheFunctionWhole() throws Exception {
        serve();

        HttpResponse<String> response = http.send(request("/v1/tenants/acme/participants")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Ada\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(received.get().getBody()).isEqualTo("{\"displayName\":\"Ada\"}");
        assertThat(received.get().getIsBase64Encoded()).isFalse();
    }

    @Test
    void aGatewayThatFailsUnexpectedlyIsAnInternalServerErrorInJson() throws Exception {
        LocalGateway failing = new LocalGateway(new JwtAuthorizer((selector, context) -> {
            throw new IllegalStateException("key source failed (expected by this test)");
        }, ISSUER, AUDIENCE), (event, context) -> reply, Clock.systemUTC());
        server = LocalHttpServer.bind(0);
        server.serve(failing);

        HttpResponse<String> response = http.send(get("/v1/tenants/acme/participants").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json");
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void aNoContentAnswerAndAnAnswerToHeadCarryNoBody() throws IOException {
        reply = APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(Map.of("X-Done", "yes")).build();
        serve();

        RawResponse noContent = sendRaw("DELETE /v1/tenants/acme/participants/p-1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
        RawResponse head = sendRaw("HEAD /v2/unknown HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(noContent.status()).as(noContent.text()).isEqualTo(204);
        assertThat(noContent.header("X-Done")).containsExactly("yes");
        assertThat(noContent.header("Content-Length")).isEmpty();
        assertThat(noContent.body()).isEmpty();
        // the 404 would have a JSON body for GET; its length is announced, the bytes are not sent
        assertThat(head.status()).as(head.text()).isEqualTo(404);
        assertThat(head.header("Content-Length")).containsExactly("23");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void portZeroPicksAFreeLoopbackPortAndATakenPortFailsTheBind() throws IOException {
        server = LocalHttpServer.bind(0);

        assertThat(server.port()).isPositive();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            assertThat(socket.isConnected()).isTrue();
        }
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LocalHttpServer.bind(taken.getLocalPort()))
                    .hasMessage("Cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    /**
     * Jetty's stop does not wait for its acceptor, and the JDK frees a listening socket only once no thread is blocked
     * in its {@code accept()}: without {@code close()} waiting for that, about 7 of 100 cycles found the port still
     * listening, so that a cycle of 100 all but always failed. Each port is bound, released and bound again: it comes
     * from outside the range outgoing connections take their ports from.
     */
    @Test
    void closingReleasesThePortThoughAKeepAliveConnectionIsStillOpen() throws Exception {
        for (int cycle = 0; cycle < 100; cycle++) {
            int port = LoopbackPorts.freeOutsideTheEphemeralRange();
            server = LocalHttpServer.bind(port);
            server.serve(gateway);
            assertThat(http.send(get("/v1/tenants/acme/participants").build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);

            server.close();
            server = null;

            try (ServerSocket again = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).as("cycle %d", cycle).isEqualTo(port);
            }
        }
    }

    @Test
    void closingDoesNotWaitForARequestInFlight() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LocalGateway stuck = new LocalGateway(new JwtAuthorizer(issuer.publicKeys(), ISSUER, AUDIENCE),
                (event, context) -> {
                    entered.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return reply;
                }, Clock.systemUTC());
        server = LocalHttpServer.bind(0);
        server.serve(stuck);
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(get("/v1/tenants/acme/participants").build(),
                HttpResponse.BodyHandlers.ofString());
        try {
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            long started = System.nanoTime();
            server.close();
            server = null;

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        } finally {
            release.countDown();
            inFlight.cancel(true);
        }
    }

    private void serve() {
        server = LocalHttpServer.bind(0);
        server.serve(gateway);
    }

    private HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
    }

    /** Sends {@code request} as it is, bytes java.net.http would refuse to build included, and reads to the end. */
    private RawResponse sendRaw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return RawResponse.parse(answer.toString(StandardCharsets.UTF_8));
        }
    }

    private record RawResponse(String text, int status, Map<String, List<String>> headers, String body) {

        static RawResponse parse(String text) {
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("a complete head in: %s", text).isPositive();
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        name -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
            return new RawResponse(text, Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
        }

        List<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }
}
