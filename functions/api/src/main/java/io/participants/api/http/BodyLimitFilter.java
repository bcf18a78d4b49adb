package io.participants.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.servlet.http.ServletHttpRequest;
import io.micronaut.web.router.RouteAttributes;

/**
 * Refuses request bodies over {@link #MAX_BODY_BYTES} before anything parses them: every body of this API but an
 * avatar upload is a small JSON document, and a large one is a mistake or an attack on memory. A route with its own
 * {@link BodyLimit} (the upload) is held to that limit instead.
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
        int limit = RouteAttributes.getRouteInfo(request)
                .map(route -> route.getAnnotationMetadata().intValue(BodyLimit.class).orElse(MAX_BODY_BYTES))
                .orElse(MAX_BODY_BYTES);
        long length = request.getContentLength();
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event && event.getBody() != null) {
            String body = event.getBody();
            length = Math.max(length, event.getIsBase64Encoded() ? base64Length(body)
                    : utf8Length(body, limit));
        }
        if (length > limit) {
            return Problems.response(request, ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body must be at most " + limit + " bytes");
        }
        return null;
    }

    /** The bytes a base64 text decodes to (its padding not counted), without decoding it. */
    static long base64Length(String text) {
        int padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
        return (long) text.length() / 4 * 3 - padding;
    }

    /**
     * The size of {@code text} in UTF-8, the encoding it arrived in, counted only until it passes {@code stopAfter};
     * an unpaired surrogate counts as the 3 bytes it would take at most.
     */
    static long utf8Length(String text, long stopAfter) {
        long bytes = 0;
        for (int i = 0; i < text.length() && bytes <= stopAfter; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
