package io.participants.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.servlet.http.ServletHttpRequest;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Refuses a JSON request body that is not exactly one well-formed JSON value, before the binding reads it. The
 * binding stops after the first value, so {@code {"displayName":"x"} garbage} would otherwise be accepted; and a
 * syntax error is reported here by position instead of by parser internals. Runs after {@link BodyLimitFilter}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(BodyLimitFilter.ORDER + 1)
public final class JsonBodyFilter {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    @RequestFilter
    @Nullable
    public HttpResponse<Problem> check(HttpRequest<?> request) {
        if (!takesBody(request) || !isJson(request)) {
            return null;
        }
        byte[] body;
        try {
            body = rawBody(request);
        } catch (IllegalArgumentException e) {
            return malformed(request, "The request body is not valid base64", null);
        }
        if (body == null || body.length == 0) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == null) {
                return null;
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return malformed(request, "The request body must hold exactly one JSON value",
                        parser.currentTokenLocation());
            }
        } catch (JsonProcessingException e) {
            return malformed(request, "The request body is not well-formed JSON", e.getLocation());
        } catch (IOException e) {
            return malformed(request, "The request body is not well-formed JSON", null);
        }
        return null;
    }

    private static boolean takesBody(HttpRequest<?> request) {
        return RouteAttributes.getRouteInfo(request).flatMap(RouteInfo::getRequestBodyType).isPresent();
    }

    /** No content type is read as JSON by the binding, so it is checked as JSON too; other types get a 415. */
    private static boolean isJson(HttpRequest<?> request) {
        return request.getContentType()
                .map(type -> type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))
                .orElse(true);
    }

    /** The body as the gateway delivered it; the binding reads the same bytes. */
    @Nullable
    private static byte[] rawBody(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event && event.getBody() != null) {
            return event.getIsBase64Encoded() ? Base64.getDecoder().decode(event.getBody())
                    : event.getBody().getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    private static HttpResponse<Problem> malformed(HttpRequest<?> request, String detail,
                                                   @Nullable JsonLocation at) {
        String where = at == null || at.getLineNr() < 1 ? ""
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return Problems.response(request, ProblemType.MALFORMED_BODY, detail + where);
    }
}
