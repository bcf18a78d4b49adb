package io.participants.api.microsoft;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the Microsoft identity platform's {@code /{tenant}/oauth2/v2.0/token} endpoint on 127.0.0.1 that
 * rotates refresh tokens strictly: each refresh answers a new access token ({@code at-N}) and a new refresh token
 * ({@code rt-N}), and the refresh token it was given stops working, so a second use of it is {@code invalid_grant}
 * (Microsoft's own answer to a dead refresh token). A code {@code code-ok} is exchanged once.
 * <p>
 * {@link #holdRefreshes(int)} makes refreshes wait until that many have arrived, so that concurrent callers are
 * known to have read the same stored token before any of them is answered.
 */
final class RotatingTokenEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final List<String> grants = new ArrayList<>();
    private String validRefreshToken;
    private int issued;
    private final List<String> issuedRefreshTokens = new ArrayList<>();
    private boolean lenient;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    RotatingTokenEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The refresh token the endpoint accepts now; earlier ones are refused. */
    synchronized void accept(String refreshToken) {
        validRefreshToken = refreshToken;
        issuedRefreshTokens.add(refreshToken);
    }

    /** The newest refresh token issued (the only one still accepted). */
    synchronized String newestRefreshToken() {
        return validRefreshToken;
    }

    /** Whether every refresh token ever issued stays valid (as Microsoft's do until they expire). */
    synchronized void lenient(boolean value) {
        lenient = value;
    }

    synchronized List<String> issuedRefreshTokens() {
        return List.copyOf(issuedRefreshTokens);
    }

    synchronized List<String> grants() {
        return List.copyOf(grants);
    }

    /** The next {@code count} refreshes are answered only once all of them have arrived (or after 10 s). */
    void holdRefreshes(int count) {
        gate = new CountDownLatch(count);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            String grant = form.getOrDefault("grant_type", "");
            if (!exchange.getRequestURI().getPath().endsWith("/oauth2/v2.0/token")) {
                answer(exchange, 404, "{\"error\":\"invalid_request\"}");
                return;
            }
            if (grant.equals("refresh_token")) {
                CountDownLatch held = gate;
                held.countDown();
                try {
                    held.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String body;
            int status = 200;
            synchronized (this) {
                grants.add(grant);
                boolean accepted = grant.equals("refresh_token")
                        ? form.getOrDefault("refresh_token", "").equals(validRefreshToken)
                        || (lenient && issuedRefreshTokens.contains(form.getOrDefault("refresh_token", "")))
                        : grant.equals("authorization_code") && form.getOrDefault("code", "").equals("code-ok");
                if (!accepted) {
                    status = 400;
                    body = "{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70000: The provided grant"
                            + " has expired or been used.\",\"error_codes\":[70000]}";
                } else {
                    issued++;
                    validRefreshToken = "rt-" + issued;
                    issuedRefreshTokens.add(validRefreshToken);
                    body = "{\"token_type\":\"Bearer\",\"scope\":\"https://graph.microsoft.com/ProfilePhoto.Read.All"
                            + "\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"at-" + issued
                            + "\",\"refresh_token\":\"" + validRefreshToken + "\"}";
                }
            }
            answer(exchange, status, body);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
