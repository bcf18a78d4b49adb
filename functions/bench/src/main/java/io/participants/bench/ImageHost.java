package io.participants.bench;

import com.github.tomakehurst.wiremock.WireMockServer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Slack's avatar CDN for the benchmark: an https WireMock with a certificate of its own, and, for the child JVMs, a
 * way to reach it through the service's unmodified download guard. The guard allows only configured hosts, resolves
 * the host and refuses internal addresses, and trusts the JVM's default trust store; a child therefore gets
 * <ul>
 *   <li>{@code participants.slack.image-hosts} = {@value #HOST} (the service's own setting),</li>
 *   <li>a hosts file ({@code jdk.net.hosts.file}) resolving {@value #HOST} to {@value #PUBLIC_ADDRESS}, a
 *       documentation address (RFC 5737) the guard treats as public,</li>
 *   <li>{@code https.proxyHost}: a CONNECT proxy on loopback that tunnels {@value #HOST}:443 (and only it) to the
 *       WireMock's https port, as the JDK's HTTP client uses the default proxy selector,</li>
 *   <li>{@code javax.net.ssl.trustStore} holding this host's certificate, issued for {@value #HOST}.</li>
 * </ul>
 * In process (warm), the guard is the bean tests use instead: {@code localhost}, internal addresses allowed.
 */
final class ImageHost implements AutoCloseable {

    static final String HOST = "avatars.bench.test";
    static final String PUBLIC_ADDRESS = "198.51.100.10";
    static final String IMAGE_PATH = "/2024-03-11/6812_bench_original.png";
    private static final String PASSWORD = "bench-only";

    private final Path keyStore;
    private final Path trustStore;
    private final Path hostsFile;
    private final WireMockServer server;
    private final TunnelProxy proxy;

    ImageHost(Path dir, byte[] png) {
        try {
            Files.createDirectories(dir);
            keyStore = dir.resolve("image-host.p12");
            trustStore = dir.resolve("trust.p12");
            hostsFile = dir.resolve("hosts");
            Files.deleteIfExists(keyStore);
            issueCertificate(keyStore);
            writeTrustStore(keyStore, trustStore);
            Files.writeString(hostsFile, PUBLIC_ADDRESS + " " + HOST + "\n127.0.0.1 localhost "
                    + InetAddress.getLocalHost().getHostName() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort()
                .keystorePath(keyStore.toString()).keystoreType("PKCS12").keystorePassword(PASSWORD)
                .keyManagerPassword(PASSWORD));
        server.start();
        server.stubFor(get(urlPathEqualTo(IMAGE_PATH))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(png)));
        proxy = new TunnelProxy(HOST + ":443", server.httpsPort());
    }

    /** The image's URL as Slack would give it, for the child JVMs. */
    String coldUrl() {
        return "https://" + HOST + IMAGE_PATH;
    }

    /** The image's URL for the in-process handler, whose guard allows {@code localhost}. */
    String warmUrl() {
        return "https://localhost:" + server.httpsPort() + IMAGE_PATH;
    }

    /** The system properties that let a child's guard reach this host (see the class comment). */
    List<String> childJvmOptions() {
        return List.of("-Djdk.net.hosts.file=" + hostsFile,
                "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + proxy.port(),
                "-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + PASSWORD);
    }

    /** Trusts this host's certificate only, for the in-process guard. */
    SSLContext sslContext() {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the image host's trust store is unreadable", e);
        }
    }

    private static void issueCertificate(Path keyStore) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "image-host",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "7", "-dname", "CN=" + HOST,
                "-ext", "SAN=dns:" + HOST + ",dns:localhost", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool ran", e);
        }
    }

    private static void writeTrustStore(Path keyStore, Path trustStore) throws IOException {
        try (InputStream in = Files.newInputStream(keyStore); OutputStream out = Files.newOutputStream(trustStore)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD.toCharArray());
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("image-host", keys.getCertificate("image-host"));
            trusted.store(out, PASSWORD.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not write the image host's trust store", e);
        }
    }

    @Override
    public void close() {
        proxy.close();
        server.stop();
    }

    /** An HTTP CONNECT proxy on 127.0.0.1 that opens tunnels to one target only, and refuses any other. */
    private static final class TunnelProxy implements AutoCloseable {

        private final String target;
        private final int targetPort;
        private final ServerSocket socket;

        TunnelProxy(String target, int targetPort) {
            this.target = target;
            this.targetPort = targetPort;
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            daemon(this::accept, "image-host-proxy");
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    daemon(() -> tunnel(client), "image-host-tunnel");
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        /**
         * Both legs with TCP_NODELAY, as the JDK client and the WireMock's Jetty set it on theirs: without it, a TLS
         * record written right after another waited for the peer's delayed ACK (about 40 ms on Linux) in the tunnel,
         * which added to every download (JFR of the sync's first request, 2026-12-06: 43 ms from the request's last
         * record to the answer's head, and 43 ms more to its body, through this proxy).
         */
        private void tunnel(Socket client) {
            try (client) {
                client.setTcpNoDelay(true);
                InputStream in = client.getInputStream();
                String head = readHead(in);
                String requestLine = head.lines().findFirst().orElse("");
                OutputStream out = client.getOutputStream();
                if (!requestLine.equals("CONNECT " + target + " HTTP/1.1")) {
                    out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
                    upstream.setTcpNoDelay(true);
                    out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread back = daemon(() -> pump(upstream, client), "image-host-pump");
                    pump(client, upstream);
                    back.join(5_000);
                }
            } catch (IOException e) {
                // the child went away; nothing to keep
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The request line and headers, up to the blank line. */
        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                head.append((char) c);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
                if (head.length() > 8192) {
                    throw new IOException("request head too long");
                }
            }
            return head.toString();
        }

        private static void pump(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
                to.shutdownOutput();
            } catch (IOException e) {
                // one side closed
            }
        }

        private static Thread daemon(Runnable task, String name) {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
