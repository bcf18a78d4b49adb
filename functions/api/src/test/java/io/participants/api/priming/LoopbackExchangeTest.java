package io.participants.api.priming;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ResponseCache;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Priming's in-process network exchange: it really happens, over plain HTTP and TLS, and nothing of it outlives it. */
class LoopbackExchangeTest {

    @Test
    void theClientsOfTheFunctionsKindsExchangeRealRequestsWithTheLoopbackServer() {
        LoopbackExchange.Result result = new LoopbackExchange().run(true, true);

        assertThat(result.failure()).isNull();
        // the URL-connection client: two plain POSTs, a POST, a GET and a PUT answered with no body over TLS; the
        // JDK client: a download, a POST
        assertThat(result.plain()).isEqualTo(2);
        assertThat(result.tls()).isEqualTo(5);
        assertThat(result.exchanges()).isEqualTo(7);
        // the JDK client's handshakes sent a server name, as to a provider's host
        assertThat(result.serverNames()).containsExactly(LoopbackExchange.SERVER_NAME);
        // the second plain POST took the first one's connection from the client's keep-alive cache
        assertThat(result.plainConnections()).isEqualTo(1);
        assertThat(result.tlsSessions()).isNotEmpty().allSatisfy(session -> assertThat(session).startsWith("TLSv1.3 TLS_"));
        assertThat(result.ports()).hasSize(2);
    }

    @Test
    void onlyTheKindsOfClientAskedForExchange() {
        assertThat(new LoopbackExchange().run(true, false)).extracting(LoopbackExchange.Result::plain,
                LoopbackExchange.Result::tls).containsExactly(2, 3);
        assertThat(new LoopbackExchange().run(false, true)).extracting(LoopbackExchange.Result::plain,
                LoopbackExchange.Result::tls).containsExactly(0, 2);
    }

    @Test
    void theLoopbackServersPortsAreClosedWhenTheExchangeEnds() {
        LoopbackExchange.Result result = new LoopbackExchange().run(true, true);

        assertThat(result.ports()).hasSize(2).allSatisfy(port -> assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 1000);
            }
        }).isInstanceOf(ConnectException.class));
    }

    @Test
    void aFailingExchangeIsReportedNotThrown() {
        LoopbackExchange.Result result = new LoopbackExchange("no-such-key-store.p12").run(true, true);

        assertThat(result.exchanges()).isZero();
        assertThat(result.failure()).isEqualTo("IOException: no key store no-such-key-store.p12");
    }

    @Test
    void noJvmDefaultIsChangedAndTheRealClientsDoNotTrustThePrimingCertificate() throws Exception {
        SSLContext defaultContext = SSLContext.getDefault();
        var socketFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
        var hostnameVerifier = HttpsURLConnection.getDefaultHostnameVerifier();
        ProxySelector proxySelector = ProxySelector.getDefault();
        CookieHandler cookieHandler = CookieHandler.getDefault();
        Authenticator authenticator = Authenticator.getDefault();
        ResponseCache responseCache = ResponseCache.getDefault();
        Properties properties = new Properties();
        properties.putAll(System.getProperties());

        assertThat(new LoopbackExchange().run(true, true).exchanges()).isEqualTo(7);

        assertThat(SSLContext.getDefault()).isSameAs(defaultContext);
        assertThat(HttpsURLConnection.getDefaultSSLSocketFactory()).isSameAs(socketFactory);
        assertThat(HttpsURLConnection.getDefaultHostnameVerifier()).isSameAs(hostnameVerifier);
        assertThat(ProxySelector.getDefault()).isSameAs(proxySelector);
        assertThat(CookieHandler.getDefault()).isSameAs(cookieHandler);
        assertThat(Authenticator.getDefault()).isSameAs(authenticator);
        assertThat(ResponseCache.getDefault()).isSameAs(responseCache);
        assertThat(System.getProperties()).isEqualTo(properties);

        // a server with priming's key: the clients as the function builds them refuse its certificate
        HttpsServer server = HttpsServer.create(
                new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(
                LoopbackExchange.serverContext(new LoopbackExchange().keys())));
        AtomicInteger answered = new AtomicInteger();
        server.createContext("/", exchange -> {
            answered.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
            HttpClient providers = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            assertThatThrownBy(() -> providers.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);

            SdkHttpClient aws = UrlConnectionHttpClient.create();
            assertThatThrownBy(() -> aws.prepareRequest(HttpExecuteRequest.builder().request(SdkHttpFullRequest
                    .builder().uri(uri).method(SdkHttpMethod.GET).build()).build()).call())
                    .isInstanceOf(SSLHandshakeException.class);
            aws.close();
            assertThat(answered).as("requests the real clients' TLS let through").hasValue(0);
        } finally {
            server.stop(0);
        }
    }
}
