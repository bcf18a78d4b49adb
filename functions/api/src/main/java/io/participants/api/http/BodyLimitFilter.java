package io.participants.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.servlet.http.ServletHttpRequest;

/**
 * Refuses request bodies over {@link #MAX_BODY_BYTES} before anything parses them: every body of this API is a
 * small JSON document, and a large one is a mistake or an attack on memory.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(BodyLimitFilter.ORDER)
public final class BodyLimitFilter {

    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** Runs before any filter that reads the body. */
    static final int ORDER = 0;

    @RequestFilter
    @Nullable
    public HttpResponse<Problem> limit(HttpRequest<?> request) {
        long length = request.getContentLength();
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event && event.getBody() != null) {
            long raw = event.getBody().length();
            length = Math.max(length, event.getIsBase64Encoded() ? raw / 4 * 3 : raw);
        }
        if (length > MAX_BODY_BYTES) {
            return Problems.response(request, ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body must be at most " + MAX_BODY_BYTES + " bytes");
        }
        return null;
    }
}
