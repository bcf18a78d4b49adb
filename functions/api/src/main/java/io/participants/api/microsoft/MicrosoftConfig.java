package io.participants.api.microsoft;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the Microsoft adapters reach the identity platform and Graph.
 *
 * @param loginBase      the identity platform, {@code https://login.microsoftonline.com} outside tests
 * @param graphBase      Microsoft Graph's v1.0 API, {@code https://graph.microsoft.com/v1.0} outside tests
 * @param connectTimeout to open a connection
 * @param readTimeout    for a whole response
 * @param maxRetryWait   the longest {@code Retry-After} honoured (once) before answering rate-limited
 */
public record MicrosoftConfig(URI loginBase, URI graphBase, Duration connectTimeout, Duration readTimeout,
                              Duration maxRetryWait) {

    public static final URI DEFAULT_LOGIN_BASE = URI.create("https://login.microsoftonline.com");
    public static final URI DEFAULT_GRAPH_BASE = URI.create("https://graph.microsoft.com/v1.0");

    public MicrosoftConfig {
        Objects.requireNonNull(loginBase, "loginBase");
        Objects.requireNonNull(graphBase, "graphBase");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(maxRetryWait, "maxRetryWait");
    }

    /** Microsoft's public endpoints, 3 s to connect, 5 s to read, waiting at most 2 s for a rate limit. */
    public static MicrosoftConfig defaults() {
        return new MicrosoftConfig(DEFAULT_LOGIN_BASE, DEFAULT_GRAPH_BASE, Duration.ofSeconds(3),
                Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    public MicrosoftConfig withBases(URI login, URI graph) {
        return new MicrosoftConfig(login, graph, connectTimeout, readTimeout, maxRetryWait);
    }

    /** {@code base} and {@code path} joined by exactly one slash. */
    static String join(URI base, String path) {
        String text = base.toString();
        return (text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + "/" + path;
    }
}
