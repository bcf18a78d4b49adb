package io.participants.api.priming;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Priming's only network exchange, inside the process: a server of its own on 127.0.0.1 (plain HTTP and HTTPS, on
 * ephemeral ports) that priming-only clients of the kinds the function uses (the AWS SDK's URL-connection client, the
 * providers' JDK {@link HttpClient}) send canned requests to. The snapshot then holds the sockets, the HTTP parsing
 * from a wire, the TLS handshake and the certificate checks that a first real request would otherwise load and
 * compile. Nothing leaves the process, and nothing of it outlives the run: the clients, their SSLContext, pools and
 * TLS session caches are their own and closed, and the server is stopped; no JVM default is read or changed.
 *
 * <p>The HTTPS server's key is a static RSA key for 127.0.0.1 ({@value #KEY_STORE}), under a CA whose key was
 * discarded when it was made; only these clients trust that CA. A static key is harmless here: it guards no data,
 * no client outside priming trusts it, and it serves on the loopback interface only while priming runs.
 */
final class LoopbackExchange {

    /** The loopback server's key store: its RSA key and certificate for 127.0.0.1, and the CA that signed it. */
    static final String KEY_STORE = "loopback.p12";
    private static final char[] PASSWORD = "priming".toCharArray();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final byte[] AWS_ANSWER = "{}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] API_ANSWER = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
    /** The name the JDK client's handshakes send as SNI (a name of no host: {@code .invalid}, RFC 6761). */
    static final String SERVER_NAME = "loopback.snapstart-priming.invalid";

    /**
     * What the exchange did: the requests the loopback server answered over plain HTTP and over TLS, the TLS sessions'
     * protocols and suites, the ports it listened on, why it stopped early (null when it did not), the connections
     * the plain requests came on, and the server names (SNI) the TLS handshakes sent.
     */
    record Result(int plain, int tls, Set<String> tlsSessions, List<Integer> ports, String failure,
                  int plainConnections, Set<String> serverNames) {

        Result(int plain, int tls, Set<String> tlsSessions, List<Integer> ports, String failure) {
            this(plain, tls, tlsSessions, ports, failure, 0, Set.of());
        }

        int exchanges() {
            return plain + tls;
        }
    }

    private final String keyStore;

    LoopbackExchange() {
        this(KEY_STORE);
    }

    /** @param keyStore the key store resource beside this class (tests name a missing one) */
    LoopbackExchange(String keyStore) {
        this.keyStore = keyStore;
    }

    /**
     * Runs the exchanges: the URL-connection client over plain HTTP and TLS when {@code sdk}, the JDK client over
     * TLS (HTTP/1.1 with a streamed body as the image download, and the version a provider's Web API client asks
     * for) when {@code jdk}. Never throws: a failure stops the exchange and is in the result.
     */
    Result run(boolean sdk, boolean jdk) {
        AtomicInteger plain = new AtomicInteger();
        AtomicInteger tls = new AtomicInteger();
        Set<String> sessions = new java.util.concurrent.ConcurrentSkipListSet<>();
        Set<String> plainConnections = new java.util.concurrent.ConcurrentSkipListSet<>();
        Set<String> serverNames = new java.util.concurrent.ConcurrentSkipListSet<>();
        List<Integer> ports = new CopyOnWriteArrayList<>();
        HttpServer http = null;
        HttpsServer https = null;
        try {
            InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            KeyStore keys = keys();
            SSLContext serverContext = serverContext(keys);
            TrustManager[] trust = trust(keys);
            SSLContext clientContext = SSLContext.getInstance("TLS");
            clientContext.init(null, trust, null);

            http = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
            http.createContext("/", exchange -> {
                plainConnections.add(exchange.getRemoteAddress().toString());
                answer(exchange, plain, sessions, serverNames);
            });
            http.start();
            https = HttpsServer.create(new InetSocketAddress(loopback, 0), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(serverContext));
            https.createContext("/", exchange -> answer(exchange, tls, sessions, serverNames));
            https.start();
            ports.add(http.getAddress().getPort());
            ports.add(https.getAddress().getPort());
            URI plainBase = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
            URI tlsBase = URI.create("https://127.0.0.1:" + https.getAddress().getPort());

            if (sdk) {
                sdkExchanges(trust, plainBase, tlsBase);
            }
            if (jdk) {
                jdkExchanges(clientContext, tlsBase);
            }
            return new Result(plain.get(), tls.get(), Set.copyOf(sessions), List.copyOf(ports), null,
                    plainConnections.size(), Set.copyOf(serverNames));
        } catch (Exception | LinkageError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Result(plain.get(), tls.get(), Set.copyOf(sessions), List.copyOf(ports),
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } finally {
            if (http != null) {
                http.stop(0);
            }
            if (https != null) {
                https.stop(0);
            }
        }
    }

    /**
     * As DynamoDB or Secrets Manager calls (two JSON POSTs on one kept-alive connection), an S3 read (a GET) and an
     * S3 write (a PUT answered with no body, as S3 answers a PutObject or a DeleteObject), through the SDK's HTTP
     * client.
     */
    private static void sdkExchanges(TrustManager[] trust, URI plainBase, URI tlsBase) throws IOException {
        SdkHttpClient client = UrlConnectionHttpClient.builder()
                .tlsTrustManagersProvider(() -> trust)
                .connectionTimeout(TIMEOUT)
                .socketTimeout(TIMEOUT)
                .build();
        try (client) {
            sdkCall(client, plainBase.resolve("/aws/keep-alive"), SdkHttpMethod.POST);
            sdkCall(client, plainBase, SdkHttpMethod.POST);
            sdkCall(client, tlsBase, SdkHttpMethod.POST);
            sdkCall(client, tlsBase, SdkHttpMethod.GET);
            sdkCall(client, tlsBase.resolve("/aws/empty"), SdkHttpMethod.PUT);
        }
    }

    private static void sdkCall(SdkHttpClient client, URI base, SdkHttpMethod method) throws IOException {
        URI uri = base.getPath().startsWith("/aws") ? base : base.resolve("/aws");
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().uri(uri).method(method)
                .putHeader("Host", base.getAuthority());
        ContentStreamProvider body = null;
        if (method != SdkHttpMethod.GET) {
            body = ContentStreamProvider.fromByteArray(AWS_ANSWER);
            request.putHeader("Content-Type", "application/x-amz-json-1.0")
                    .putHeader("X-Amz-Target", "DynamoDB_20120810.GetItem")
                    .putHeader("Content-Length", Integer.toString(AWS_ANSWER.length));
        }
        HttpExecuteResponse response = client.prepareRequest(HttpExecuteRequest.builder().request(request.build())
                .contentStreamProvider(body).build()).call();
        if (response.responseBody().isPresent()) {
            try (InputStream in = response.responseBody().get()) {
                in.readAllBytes();
            }
        }
        if (response.httpResponse().statusCode() != 200) {
            throw new IOException("the loopback server answered " + response.httpResponse().statusCode());
        }
    }

    /**
     * As an image download (HTTP/1.1, the body streamed in chunks and read asynchronously) and a provider's Web API
     * call (a form POST with the client's default version, which offers HTTP/2 by ALPN; this server answers 1.1).
     */
    private static void jdkExchanges(SSLContext context, URI tlsBase) throws Exception {
        // a provider's host is a name, which the client sends as SNI (IDN-checked); 127.0.0.1 is an address, which
        // it would not: the name is given here, so that the handshakes send and the server reads one
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(SERVER_NAME)));
        HttpClient download = HttpClient.newBuilder().sslContext(context).sslParameters(parameters)
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpResponse<byte[]> image = download.sendAsync(HttpRequest.newBuilder(tlsBase.resolve("/image.png"))
                            .GET().timeout(TIMEOUT).header("Accept", "image/png").build(),
                    HttpResponse.BodyHandlers.ofByteArray()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            expect(image.statusCode(), image.body().length == CannedProviderAnswers.PNG.length);
        } finally {
            close(download);
        }
        HttpClient api = HttpClient.newBuilder().sslContext(context).sslParameters(parameters)
                .connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            // kept alive: the connection goes back to the client's pool, as a provider's does (closed with the client)
            HttpResponse<String> answer = api.send(HttpRequest.newBuilder(tlsBase.resolve("/api/users.info/keep-alive"))
                    .timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("user=U0PRIMING")).build(),
                    HttpResponse.BodyHandlers.ofString());
            expect(answer.statusCode(), answer.body().contains("ok"));
        } finally {
            close(api);
        }
    }

    private static void expect(int status, boolean bodyAsSent) throws IOException {
        if (status != 200 || !bodyAsSent) {
            throw new IOException("the loopback server answered " + status);
        }
    }

    /** Closes the client's pool and selector thread (HttpClient is AutoCloseable from Java 21; this builds for 17). */
    private static void close(HttpClient client) throws Exception {
        Object closable = client;
        if (closable instanceof AutoCloseable autoCloseable) {
            autoCloseable.close();
        }
    }

    /**
     * The server's side: reads the request, counts it, notes its TLS session, and answers as the caller expects. Every
     * answer but one to a path ending in {@code /keep-alive} closes its connection: the plain exchange's first answer
     * keeps its connection, which the next request takes from the URL-connection client's keep-alive cache as a
     * request to DynamoDB takes its connection after the first, and the answer to that next one closes it, so that no
     * loopback connection is left in that JVM-wide cache.
     */
    private static void answer(HttpExchange exchange, AtomicInteger count, Set<String> sessions,
                               Set<String> serverNames) throws IOException {
        try {
            exchange.getRequestBody().readAllBytes();
            if (exchange instanceof HttpsExchange secure) {
                SSLSession session = secure.getSSLSession();
                sessions.add(session.getProtocol() + " " + session.getCipherSuite());
                if (session instanceof ExtendedSSLSession extended) {
                    for (SNIServerName name : extended.getRequestedServerNames()) {
                        if (name instanceof SNIHostName host) {
                            serverNames.add(host.getAsciiName());
                        }
                    }
                }
            }
            String path = exchange.getRequestURI().getPath();
            if (!path.endsWith("/keep-alive")) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            if (path.endsWith("/empty")) {
                exchange.getResponseHeaders().set("x-amz-request-id", "snapstart-priming-loopback");
                exchange.sendResponseHeaders(200, -1); // Content-Length: 0, no body
            } else if (path.startsWith("/image")) {
                exchange.getResponseHeaders().set("Content-Type", "image/png");
                exchange.sendResponseHeaders(200, 0); // chunked: the body is streamed as a CDN's may be
                OutputStream body = exchange.getResponseBody();
                int half = CannedProviderAnswers.PNG.length / 2;
                body.write(CannedProviderAnswers.PNG, 0, half);
                body.flush();
                body.write(CannedProviderAnswers.PNG, half, CannedProviderAnswers.PNG.length - half);
            } else {
                byte[] answer = path.startsWith("/aws") ? AWS_ANSWER : API_ANSWER;
                exchange.getResponseHeaders().set("Content-Type", path.startsWith("/aws")
                        ? "application/x-amz-json-1.0" : "application/json; charset=utf-8");
                exchange.getResponseHeaders().set("x-amzn-RequestId", "snapstart-priming-loopback");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
            count.incrementAndGet();
        } finally {
            exchange.close();
        }
    }

    /** The loopback server's TLS: its key and chain for 127.0.0.1. */
    static SSLContext serverContext(KeyStore keys) throws GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    KeyStore keys() throws IOException, GeneralSecurityException {
        try (InputStream in = LoopbackExchange.class.getResourceAsStream(keyStore)) {
            if (in == null) {
                throw new IOException("no key store " + keyStore);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD);
            return keys;
        }
    }

    /** Trust in the loopback CA alone: the last certificate of the server's chain. */
    private static TrustManager[] trust(KeyStore keys) throws IOException, GeneralSecurityException {
        Certificate[] chain = keys.getCertificateChain("loopback");
        if (chain == null || chain.length < 2) {
            throw new IOException("the key store has no chain for 127.0.0.1");
        }
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("loopback-ca", chain[chain.length - 1]);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        return factory.getTrustManagers();
    }
}
