package io.participants.local;

import io.participants.api.http.Problem;
import io.participants.api.http.ProblemType;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Serves a {@link LocalGateway} over HTTP/1.1 on the loopback interface only, with Jetty. Whatever does not reach the
 * gateway is answered as API Gateway would, in JSON: a request that cannot be parsed, too large a body, a failure.
 * The one path that is not the gateway's is the API reference, {@link DocsPage}.
 */
final class LocalHttpServer implements AutoCloseable {

    /** API Gateway HTTP APIs' quota for the request line and headers together. */
    static final int MAX_HEADER_BYTES = 10 * 1024;
    /** How long a client is told to wait while local mode is still starting. */
    static final String RETRY_AFTER_SECONDS = "1";

    private static final Logger LOG = LoggerFactory.getLogger(LocalHttpServer.class);
    /** Until the gateway is served: the API's own service-unavailable problem, with a hint to retry soon. */
    private static final GatewayResponse STILL_STARTING = stillStarting();

    private final Server server;
    private final ReleasingConnector connector;
    private volatile LocalGateway gateway;

    private LocalHttpServer(Server server, ReleasingConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0 picks a free port) at once, so that the port is known, and taken, before
     * the rest of local mode starts; until {@link #serve} hands it the gateway, every request is answered 503, with a
     * hint to retry.
     */
    static LocalHttpServer bind(int port) {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("local-gateway");
        // close() does not wait for a call still running, nor may that call keep the JVM alive after it
        threads.setStopTimeout(0);
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        // API Gateway passes %2F, %25, %2E, empty segments and ';' on to the function; RequestTarget decodes the path,
        // once, and Jetty's decoded path is never used. Broken escapes and bad UTF-8 stay refused.
        http.setUriCompliance(UriCompliance.RFC3986.with("API_GATEWAY",
                UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR, UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
                UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT, UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT,
                UriCompliance.Violation.AMBIGUOUS_PATH_PARAMETER, UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS));
        ReleasingConnector connector = new ReleasingConnector(server, new HttpConnectionFactory(http));
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        server.addConnector(connector);
        LocalHttpServer local = new LocalHttpServer(server, connector);
        server.setHandler(local.new GatewayHandler());
        server.setErrorHandler(new GatewayErrorHandler());
        // no graceful stop: Jetty would wait up to 30 s for requests in flight to finish
        server.setStopTimeout(0);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception stopping) {
                e.addSuppressed(stopping);
            }
            throw new IllegalStateException("Cannot listen on 127.0.0.1:" + port, e);
        }
        return local;
    }

    /** Starts answering with {@code gateway}. */
    void serve(LocalGateway gateway) {
        this.gateway = gateway;
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
            connector.awaitAcceptorsOut(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the gateway's HTTP server stopped", e);
        } catch (Exception e) {
            throw new IllegalStateException("The gateway's HTTP server did not stop", e);
        }
    }

    /**
     * A connector whose port is free once {@link #awaitAcceptorsOut} returns. Jetty's stop closes the listening channel
     * and interrupts the acceptor without waiting for it; the JDK releases a socket only when no thread is blocked on
     * it, so the port kept listening until the acceptor left {@code accept()}, and binding it again right after
     * {@link #close()} failed ("Address already in use", about 7 binds in 100 in LocalHttpServerTest).
     */
    private static final class ReleasingConnector extends ServerConnector {

        private int accepting;

        ReleasingConnector(Server server, HttpConnectionFactory factory) {
            super(server, factory);
        }

        @Override
        public void accept(int acceptorId) throws IOException {
            synchronized (this) {
                accepting++;
            }
            try {
                super.accept(acceptorId);
            } finally {
                synchronized (this) {
                    accepting--;
                    notifyAll();
                }
            }
        }

        /** Waits until no thread is in {@code accept()}, at most {@code timeout}: the stop has woken them. */
        synchronized void awaitAcceptorsOut(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (accepting > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("The gateway's acceptor did not leave accept()");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    /** Hands each request Jetty could parse to the gateway, unless it is answered before reaching it. */
    private final class GatewayHandler extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws IOException {
            InputStream body = Content.Source.asInputStream(request);
            GatewayResponse answer;
            try {
                answer = answer(request, body);
            } catch (RuntimeException e) {
                LOG.error("Could not serve {} {}", request.getMethod(), request.getHttpURI().getPath(), e);
                answer = GatewayResponse.message(500, "Internal Server Error");
            }
            // Take in what the client still sends, or the connection is reset and the client loses the answer.
            body.transferTo(OutputStream.nullOutputStream());
            send(answer, response, callback);
            return true;
        }

        private GatewayResponse answer(Request request, InputStream body) throws IOException {
            // refused whether or not the function is up, as API Gateway refuses what it cannot parse
            RequestTarget target = RequestTarget.parse(request.getHttpURI().getPath(), request.getHttpURI().getQuery())
                    .orElse(null);
            if (target == null) {
                return GatewayResponse.message(400, "Bad Request");
            }
            // local mode's own page, no route of the API: served without a token, even while the rest starts
            if (DocsPage.serves(target.path())) {
                return DocsPage.answer(request.getMethod(), target.path());
            }
            LocalGateway ready = gateway;
            if (ready == null) {
                return STILL_STARTING;
            }
            if (declaredTooLarge(request)) {
                return GatewayResponse.message(413, "Request Entity Too Large");
            }
            // One byte over the limit is enough for the gateway to refuse a chunked body; no need to keep the rest.
            byte[] bytes = body.readNBytes(LocalGateway.MAX_BODY_BYTES + 1);
            return ready.handle(new GatewayRequest(request.getMethod(), target.path(), target.rawQuery(),
                    headers(request), bytes, Request.getRemoteAddr(request),
                    request.getConnectionMetaData().getProtocol()));
        }
    }

    private static GatewayResponse stillStarting() {
        ProblemType type = ProblemType.SERVICE_UNAVAILABLE;
        String problem = "{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":"
                + type.status().getCode() + ",\"detail\":\"Local mode is still starting; retry in a moment.\"}";
        return new GatewayResponse(type.status().getCode(), Map.of("Content-Type", List.of(Problem.MEDIA_TYPE),
                "Retry-After", List.of(RETRY_AFTER_SECONDS)), problem.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean declaredTooLarge(Request request) {
        String declared = request.getHeaders().get(HttpHeader.CONTENT_LENGTH);
        return declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > LocalGateway.MAX_BODY_BYTES;
    }

    /** By name, any case; a header sent several times keeps each value, in arrival order. */
    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    private static void send(GatewayResponse answer, Response response, Callback callback) {
        response.setStatus(answer.status());
        answer.headers().forEach((name, values) -> {
            // one field per value: Set-Cookie, for one, cannot be joined by commas
            response.getHeaders().remove(name);
            values.forEach(value -> response.getHeaders().add(name, value));
        });
        // 204 and 304 have no body; Jetty sends none for HEAD either, only its Content-Length.
        boolean empty = answer.body().length == 0 || HttpStatus.hasNoBody(answer.status());
        response.write(true, empty ? null : ByteBuffer.wrap(answer.body()), callback);
    }

    /**
     * Jetty's own answers, to a request it could not parse (a bad request line, a header too large) or a failure
     * after the gateway: API Gateway's {@code {"message":...}} by status instead of an HTML page naming the cause.
     */
    private static final class GatewayErrorHandler extends ErrorHandler {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int status = request.getAttribute(ERROR_EXCEPTION) instanceof HttpException failure
                    ? failure.getCode() : response.getStatus();
            send(GatewayResponse.message(status, message(status)), response, callback);
            return true;
        }

        /** API Gateway's wording where it differs from Jetty's reason phrase. */
        private static String message(int status) {
            return switch (status) {
                case 413 -> "Request Entity Too Large";
                case 500 -> "Internal Server Error";
                default -> HttpStatus.getMessage(status);
            };
        }
    }
}
