package io.participants.api.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the Telegram adapter reaches the Bot API.
 *
 * @param apiBase        the Bot API base, {@code https://api.telegram.org} outside tests and local mode; methods are
 *                       {@code <base>/bot<token>/<method>}, files {@code <base>/file/bot<token>/<path>}
 * @param connectTimeout to open a connection
 * @param readTimeout    for a whole response
 * @param maxRetryWait   the longest {@code retry_after} honoured (once) before answering rate-limited
 */
public record TelegramApiConfig(URI apiBase, Duration connectTimeout, Duration readTimeout, Duration maxRetryWait) {

    public static final URI DEFAULT_API_BASE = URI.create("https://api.telegram.org");

    public TelegramApiConfig {
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(maxRetryWait, "maxRetryWait");
    }

    /** Telegram's public Bot API, 3 s to connect, 5 s to read, waiting at most 2 s for a rate limit. */
    public static TelegramApiConfig defaults() {
        return new TelegramApiConfig(DEFAULT_API_BASE, Duration.ofSeconds(3), Duration.ofSeconds(5),
                Duration.ofSeconds(2));
    }

    /** Where the Bot API's files are served from: its own host. */
    public String fileBase() {
        String base = apiBase.toString();
        return (base.endsWith("/") ? base : base + "/") + "file/bot";
    }
}
