package io.participants.api.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.participants.domain.avatar.ProviderFailure;
import jakarta.inject.Singleton;

/**
 * A provider's answer as a problem: what is about the request (no image, a rejected token) is a 400, a rate limit
 * the request could not wait out or a call the request had no time left for a 503 with Retry-After, and a failing
 * provider or an image that fails the download guards a 502.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
public final class ProviderFailureHandler implements ExceptionHandler<ProviderFailure, HttpResponse<Problem>> {

    @Override
    @SuppressWarnings("rawtypes") // the framework's interface declares the request raw
    public HttpResponse<Problem> handle(HttpRequest request, ProviderFailure failure) {
        return switch (failure.reason()) {
            case NO_IMAGE -> problem(request, ProblemType.INVALID_REQUEST, "no-image", failure);
            case TOKEN_REJECTED -> problem(request, ProblemType.INVALID_REQUEST, "token-rejected", failure);
            case RATE_LIMITED -> problem(request, ProblemType.SERVICE_UNAVAILABLE, "provider-rate-limited", failure)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(failure.retryAfter() == null ? 1
                            : Math.max(1, (failure.retryAfter().toMillis() + 999) / 1000)));
            case OUT_OF_TIME -> problem(request, ProblemType.SERVICE_UNAVAILABLE, "out-of-time", failure)
                    .header(HttpHeaders.RETRY_AFTER, "1");
            case UNAVAILABLE -> problem(request, ProblemType.BAD_GATEWAY, "provider-unavailable", failure);
            case IMAGE_REFUSED -> problem(request, ProblemType.BAD_GATEWAY, "image-refused", failure);
        };
    }

    private static MutableHttpResponse<Problem> problem(HttpRequest<?> request, ProblemType type, String reason,
                                                        ProviderFailure failure) {
        return Problems.response(request, type, ProblemType.PREFIX + reason, failure.getMessage(), null);
    }
}
