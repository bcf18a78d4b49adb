package io.participants.api.slack;

import io.participants.api.priming.CannedHttpClient;
import io.participants.domain.avatar.ProviderFailure;
import io.participants.domain.avatar.ProviderFailure.Reason;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * One Web API call with Slack's rules: no redirects, a deadline over the whole response (cut to the invocation's
 * remaining time, see {@link CallBudget}), and a 429 waited out once, with jitter, when its {@code Retry-After} fits
 * the configured limit and the time left. Failures are {@link ProviderFailure}s whose messages never
 * carry a header or an HTTP library's text, so no token can leak through them.
 */
final class SlackCalls {

    /** Slack sends Retry-After with every 429; this stands in should it ever be missing or unreadable. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    /** The most a rate-limit wait is lengthened by {@link #jitter}. */
    static final Duration MAX_JITTER = Duration.ofMillis(500);

    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");

    private final SlackApiConfig config;
    private final RetryPause pause;
    private final HttpClient client;

    SlackCalls(SlackApiConfig config, RetryPause pause) {
        this.config = config;
        this.pause = pause;
        // answered in-process while SnapStart priming runs (see Priming)
        this.client = CannedHttpClient.wrap(HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout())
                .build());
    }

    /** The URI of a Web API method, such as {@code users.info}. */
    String method(String name) {
        String base = config.apiBase().toString();
        return (base.endsWith("/") ? base : base + "/") + name;
    }

    /**
     * Sends the request, waiting out one rate limit when its wait fits both the configured limit and the time the
     * invocation has left; the answer may still be any status but 429. Each attempt gets its own timeout.
     */
    HttpResponse<String> call(HttpRequest.Builder request) {
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 429) {
            Duration retryAfter = retryAfter(response);
            Duration wait = retryAfter.plus(jitter(retryAfter));
            if (retryAfter.compareTo(config.maxRetryWait()) > 0 || !CallBudget.fits(wait)) {
                throw rateLimited(retryAfter);
            }
            waitFor(wait, retryAfter);
            response = send(request);
            if (response.statusCode() == 429) {
                throw rateLimited(retryAfter(response));
            }
        }
        return response;
    }

    /**
     * A random addition of up to a quarter of Slack's wait (at most {@link #MAX_JITTER}), so that requests that were
     * limited together do not all come back in the same instant.
     */
    static Duration jitter(Duration retryAfter) {
        long bound = Math.min(retryAfter.toMillis() / 4, MAX_JITTER.toMillis());
        return Duration.ofMillis(bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        CallBudget budget = CallBudget.of(config.readTimeout());
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request.timeout(budget.time()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            // The request timeout stops at the headers; this deadline also covers a slow body.
            return future.get(budget.time().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw budget.timedOut(new ProviderFailure(Reason.UNAVAILABLE, "Slack did not answer in time"));
        } catch (ExecutionException e) {
            // The cause is not attached: HTTP library messages are outside our control and must not echo headers.
            throw budget.timedOut(e.getCause(), new ProviderFailure(Reason.UNAVAILABLE,
                    "Slack did not answer in time or could not be reached"));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderFailure(Reason.UNAVAILABLE, "interrupted while calling Slack");
        }
    }

    private void waitFor(Duration wait, Duration retryAfter) {
        try {
            pause.pause(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw rateLimited(retryAfter);
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .map(String::trim)
                .filter(value -> value.matches("\\d{1,9}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value)))
                .orElse(DEFAULT_RETRY_AFTER);
    }

    private static ProviderFailure rateLimited(Duration retryAfter) {
        return new ProviderFailure(Reason.RATE_LIMITED, "Slack asked to wait " + retryAfter.toSeconds() + " s",
                retryAfter);
    }

    /**
     * Slack's {@code error} code, fit to quote in a message: codes are lower-case words joined by underscores, and
     * anything else (an empty, odd or hostile value) reads as {@code unknown_error}.
     */
    static String errorCode(String error) {
        return error != null && ERROR_CODE.matcher(error).matches() ? error : "unknown_error";
    }

    /** Whether a token can go into an Authorization header without any library echoing it in an error. */
    static boolean isHeaderSafe(String token) {
        return token != null && !token.isBlank() && token.chars().allMatch(c -> c > 0x20 && c < 0x7F);
    }
}
