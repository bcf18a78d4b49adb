package io.participants.api.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.participants.api.secrets.SecretUnavailableException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret the deployment needs is missing or malformed: the operator's to fix, so the caller gets a 503 that
 * names no secret, and the log names the secret (never its value).
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
public final class SecretUnavailableHandler
        implements ExceptionHandler<SecretUnavailableException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(SecretUnavailableHandler.class);

    @Override
    @SuppressWarnings("rawtypes") // the framework's interface declares the request raw
    public HttpResponse<Problem> handle(HttpRequest request, SecretUnavailableException error) {
        LOG.error("Configuration secret unavailable on {}: {}", request.getMethodName(),
                error.getMessage());
        return Problems.response(request, ProblemType.SERVICE_UNAVAILABLE, ProblemType.PREFIX + "not-configured",
                        "The service's provider credentials are not configured; the operator must set them", null)
                .header(HttpHeaders.RETRY_AFTER, "60");
    }
}
