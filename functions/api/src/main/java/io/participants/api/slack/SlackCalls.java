package io.participants.api.slack;

import io.participants.api.providers.ProviderCalls;
import io.participants.api.providers.RetryPause;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;

/**
 * One Web API call with Slack's rules: those every provider shares ({@link ProviderCalls}: no redirects, a deadline,
 * a 429 waited out once when its {@code Retry-After} fits), the method URIs under the configured base, and Slack's
 * error codes made safe to quote.
 */
final class SlackCalls {

    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");

    private final SlackApiConfig config;
    private final ProviderCalls calls;

    SlackCalls(SlackApiConfig config, RetryPause pause) {
        this.config = config;
        this.calls = new ProviderCalls("Slack", config.connectTimeout(), config.readTimeout(), config.maxRetryWait(),
                pause, ProviderCalls.RetryAfter.HEADER);
    }

    /** The URI of a Web API method, such as {@code users.info}. */
    String method(String name) {
        String base = config.apiBase().toString();
        return (base.endsWith("/") ? base : base + "/") + name;
    }

    /** See {@link ProviderCalls#call}. */
    HttpResponse<String> call(HttpRequest.Builder request) {
        return calls.call(request);
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
        return ProviderCalls.isHeaderSafe(token);
    }
}
