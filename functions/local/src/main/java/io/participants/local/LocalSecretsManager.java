package io.participants.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Secrets Manager endpoint on 127.0.0.1 for the real SDK and the AWS CLI: {@code POST /} with
 * {@code X-Amz-Target: secretsmanager.<Operation>} and an {@code application/x-amz-json-1.1} body, as the service
 * speaks it (see {@link SecretsManagerJson}). Signatures are not checked: it listens on loopback only. Secrets are
 * kept in a directory, so provider tokens survive restarts, or in memory. Logs name operations and secrets only.
 */
final class LocalSecretsManager implements AutoCloseable {

    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "secretsmanager.";
    /** Far above the service's 64 KiB secret limit; a bound on what a request may make the server hold. */
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(LocalSecretsManager.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            // an error's location would otherwise quote the request, secret values included
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private final HttpServer server;
    private final ExecutorService executor;
    private final LocalSecrets secrets;
    private final String host;

    private LocalSecretsManager(HttpServer server, ExecutorService executor, LocalSecrets secrets, String host) {
        this.host = host;
        this.server = server;
        this.executor = executor;
        this.secrets = secrets;
    }

    /**
     * @param secretsDir where secrets are kept, or null to keep them in memory
     * @param port       0 picks a free port
     */
    static LocalSecretsManager start(Path secretsDir, int port) {
        return start(secretsDir, "127.0.0.1", port);
    }

    /**
     * @param bind the IPv4 address to listen on: 127.0.0.1, or 0.0.0.0 for a container to reach it
     */
    static LocalSecretsManager start(Path secretsDir, String bind, int port) {
        LocalSecrets secrets = secretsDir == null
                ? LocalSecrets.inMemory(Clock.systemUTC())
                : LocalSecrets.inDirectory(secretsDir, Clock.systemUTC());
        SecretsManagerJson protocol = new SecretsManagerJson(secrets);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Secrets Manager cannot listen on " + bind + ":" + port, e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(exchange, protocol));
        server.start();
        // a server on every address is reached on loopback by local mode itself
        return new LocalSecretsManager(server, executor, secrets, bind.equals("0.0.0.0") ? "127.0.0.1" : bind);
    }

    String endpoint() {
        return "http://" + host + ":" + port();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The address the server is bound to, so a test can check that it is loopback. */
    InetAddress listenAddress() {
        return server.getAddress().getAddress();
    }

    /** Where the secrets are kept: "memory" or the file's path. */
    String location() {
        return secrets.location();
    }

    private static void serve(HttpExchange exchange, SecretsManagerJson protocol) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target != null && target.startsWith(TARGET_PREFIX)
                    ? target.substring(TARGET_PREFIX.length()) : null;
            int status = 200;
            ObjectNode answer;
            try {
                answer = protocol.handle(checked(exchange, operation), read(exchange));
                LOG.debug("{} {}", operation, answer.path("Name").asText());
            } catch (SecretsError e) {
                status = 400;
                answer = JSON.createObjectNode().put("__type", e.type()).put("message", e.getMessage());
                LOG.debug("{} refused: {}", operation, e.type());
            } catch (RuntimeException e) {
                status = 500;
                answer = JSON.createObjectNode().put("__type", "InternalServiceError")
                        .put("message", "Local mode's Secrets Manager failed; see its log");
                // the exception's class and message only: a cause could carry a request's content
                LOG.error("{} failed: {}", operation, e.toString());
            }
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            byte[] body = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String checked(HttpExchange exchange, String operation) {
        if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())) {
            throw new SecretsError(SecretsError.INVALID_REQUEST, "Secrets Manager takes POST / only");
        }
        if (operation == null) {
            throw new SecretsError(SecretsManagerJson.UNKNOWN_OPERATION,
                    "The X-Amz-Target header must name a secretsmanager operation");
        }
        return operation;
    }

    private static JsonNode read(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_REQUEST_BYTES + 1);
        if (body.length > MAX_REQUEST_BYTES) {
            throw new SecretsError(SecretsError.INVALID_REQUEST, "The request is larger than local mode accepts");
        }
        try {
            JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            if (request == null || !request.isObject()) {
                throw new SecretsError("SerializationException", "The request body is not a JSON object");
            }
            return request;
        } catch (JsonProcessingException e) {
            // not the parser's message: it may quote the body
            throw new SecretsError("SerializationException", "The request body is not valid JSON");
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
