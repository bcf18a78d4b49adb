package io.participants.api.providers;

import io.participants.api.priming.CannedHttpClient;

import io.participants.domain.avatar.ProviderFailure;
import io.participants.domain.avatar.ProviderFailure.Reason;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One call to a provider's web API with the rules every provider shares: no redirects, a deadline over the whole
 * response (cut to the invocation's remaining time, see {@link CallBudget}), and a 429 waited out once, with jitter,
 * when its wait fits the configured limit and the time left. Failures are {@link ProviderFailure}s whose messages
 * never carry a URL, a header or an HTTP library's text, so no token can leak through them.
 */
public final class ProviderCalls {

    /** How long a provider asks to wait, read from its 429 answer; empty when it does not say. */
    @FunctionalInterface
    public interface RetryAfter {
        Optional<Duration> of(HttpResponse<String> response);

        /** The standard {@code Retry-After} header in seconds. */
        RetryAfter HEADER = response -> response.headers().firstValue("Retry-After")
                .map(String::trim)
                .filter(value -> value.matches("\\d{1,9}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value)));
    }

    /** Stands in when a 429 does not say how long to wait. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    /** The most a rate-limit wait is lengthened by {@link #jitter}. */
    public static final Duration MAX_JITTER = Duration.ofMillis(500);

    private final String provider;
    private final Duration readTimeout;
    private final Duration maxRetryWait;
    private final RetryPause pause;
    private final RetryAfter retryAfter;
    private final HttpClient client;

    /**
     * @param provider     the provider's name as messages show it ("Slack", "Telegram")
     * @param maxRetryWait the longest wait a 429 asks for that is honoured (once) before answering rate-limited
     */
    public ProviderCalls(String provider, Duration connectTimeout, Duration readTimeout, Duration maxRetryWait,
                         RetryPause pause, RetryAfter retryAfter) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        this.maxRetryWait = Objects.requireNonNull(maxRetryWait, "maxRetryWait");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
        // answered in-process while SnapStart priming runs (see Priming)
        this.client = CannedHttpClient.wrap(HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build());
    }

    /**
     * Sends the request, waiting out one rate limit when its wait fits both the configured limit and the time the
     * invocation has left; the answer may still be any status but 429. Each attempt gets its own timeout.
     */
    public HttpResponse<String> call(HttpRequest.Builder request) {
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 429) {
            Duration asked = retryAfter(response);
            Duration wait = asked.plus(jitter(asked));
            if (asked.compareTo(maxRetryWait) > 0 || !CallBudget.fits(wait)) {
                throw rateLimited(asked);
            }
            waitFor(wait, asked);
            response = send(request);
            if (response.statusCode() == 429) {
                throw rateLimited(retryAfter(response));
            }
        }
        return response;
    }

    /**
     * A random addition of up to a quarter of the provider's wait (at most {@link #MAX_JITTER}), so that requests
     * that were limited together do not all come back in the same instant.
     */
    public static Duration jitter(Duration retryAfter) {
        long bound = Math.min(retryAfter.toMillis() / 4, MAX_JITTER.toMillis());
        return Duration.ofMillis(bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** Whether a token can go into a header or a URL path without any library echoing it in an error. */
    public static boolean isHeaderSafe(String token) {
        return token != null && !token.isBlank() && token.chars().allMatch(c -> c > 0x20 && c < 0x7F);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        CallBudget budget = CallBudget.of(readTimeout);
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request.timeout(budget.time()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            // The request timeout stops at the headers; this deadline also covers a slow body.
            return future.get(budget.time().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw budget.timedOut(new ProviderFailure(Reason.UNAVAILABLE, provider + " did not answer in time"));
        } catch (ExecutionException e) {
            // The cause is not attached: HTTP library messages are outside our control and can echo the URL or
            // headers, where a token may be.
            throw budget.timedOut(e.getCause(), new ProviderFailure(Reason.UNAVAILABLE,
                    provider + " did not answer in time or could not be reached"));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderFailure(Reason.UNAVAILABLE, "interrupted while calling " + provider);
        }
    }

    private void waitFor(Duration wait, Duration asked) {
        try {
            pause.pause(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw rateLimited(asked);
        }
    }

    private Duration retryAfter(HttpResponse<String> response) {
        try {
            return retryAfter.of(response).filter(d -> !d.isNegative()).orElse(DEFAULT_RETRY_AFTER);
        } catch (RuntimeException e) {
            return DEFAULT_RETRY_AFTER; // an unreadable body says nothing about the wait
        }
    }

    private ProviderFailure rateLimited(Duration asked) {
        return new ProviderFailure(Reason.RATE_LIMITED, provider + " asked to wait " + asked.toSeconds() + " s",
                asked);
    }
}
