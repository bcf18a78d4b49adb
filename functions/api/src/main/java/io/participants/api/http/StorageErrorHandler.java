package io.participants.api.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An AWS service that failed after the SDK's own bounded retries (throttled, unreachable, erroring) is a
 * temporary condition for the caller: 503 with a hint to retry, and the cause in the log only.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
public final class StorageErrorHandler implements ExceptionHandler<SdkException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(StorageErrorHandler.class);

    @Override
    @SuppressWarnings("rawtypes") // the framework's interface declares the request raw
    public HttpResponse<Problem> handle(HttpRequest request, SdkException error) {
        // the route is in the request's log context; the path is not logged (it holds ids and addresses)
        LOG.warn("AWS call failed on {}: {}", request.getMethodName(), error.getClass().getSimpleName());
        return Problems.response(request, ProblemType.SERVICE_UNAVAILABLE,
                        "A storage service is temporarily unavailable; retry shortly")
                .header(HttpHeaders.RETRY_AFTER, "1");
    }
}
