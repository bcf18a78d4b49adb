package io.participants.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Serves a {@link LocalGateway} over HTTP/1.1 on the loopback interface only, with the JDK's HTTP server. */
final class LocalHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalHttpServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile LocalGateway gateway;

    private LocalHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0 picks a free port) at once, so that the port is known, and taken, before
     * the rest of local mode starts; until {@link #serve} hands it the gateway, every request is answered 503.
     */
    static LocalHttpServer bind(int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        LocalHttpServer local = new LocalHttpServer(server, executor);
        server.createContext("/", exchange -> serve(exchange, local.gateway));
        // started even before it serves: the JDK releases the port of a server that never started only at exit
        server.start();
        return local;
    }

    /** Starts answering with {@code gateway}. */
    void serve(LocalGateway gateway) {
        this.gateway = gateway;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void serve(HttpExchange exchange, LocalGateway gateway) throws IOException {
        try (exchange) {
            GatewayResponse response;
            try {
                response = gateway == null ? GatewayResponse.message(503, "Service Unavailable")
                        : declaredTooLarge(exchange) ? GatewayResponse.message(413, "Request Entity Too Large")
                        : gateway.handle(request(exchange));
            } catch (RuntimeException e) {
                LOG.error("Could not serve {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                response = GatewayResponse.message(500, "Internal Server Error");
            }
            // Take in what the client still sends, or the connection is reset and the client loses the answer.
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            write(exchange, response);
        }
    }

    private static boolean declaredTooLarge(HttpExchange exchange) {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        return declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > LocalGateway.MAX_BODY_BYTES;
    }

    private static GatewayRequest request(HttpExchange exchange) throws IOException {
        // One byte over the limit is enough for the gateway to refuse a chunked body; no need to keep the rest.
        byte[] body = exchange.getRequestBody().readNBytes(LocalGateway.MAX_BODY_BYTES + 1);
        // API Gateway HTTP APIs decode the path once before the function sees it; so does local mode.
        return new GatewayRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), new HashMap<>(exchange.getRequestHeaders()), body,
                exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol());
    }

    private static void write(HttpExchange exchange, GatewayResponse response) throws IOException {
        response.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, List.copyOf(values)));
        boolean empty = response.body().length == 0;
        // -1: no body at all, which 204 and 304 require and HEAD implies.
        exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
