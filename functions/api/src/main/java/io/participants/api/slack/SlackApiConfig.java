package io.participants.api.slack;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the Slack adapter reaches the Web API.
 *
 * @param apiBase        the Web API base, {@code https://slack.com/api} outside tests
 * @param connectTimeout to open a connection
 * @param readTimeout    for a whole response
 * @param maxRetryWait   the longest {@code Retry-After} honoured (once) before answering rate-limited
 */
public record SlackApiConfig(URI apiBase, Duration connectTimeout, Duration readTimeout, Duration maxRetryWait) {

    public static final URI DEFAULT_API_BASE = URI.create("https://slack.com/api");

    public SlackApiConfig {
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(maxRetryWait, "maxRetryWait");
    }

    /** Slack's public API, 3 s to connect, 5 s to read, waiting at most 2 s for a rate limit. */
    public static SlackApiConfig defaults() {
        return new SlackApiConfig(DEFAULT_API_BASE, Duration.ofSeconds(3), Duration.ofSeconds(5),
                Duration.ofSeconds(2));
    }
}
