package io.participants.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Refuses a JSON request body that is not exactly one well-formed JSON value, before the binding reads it. The
 * binding stops after the first value, so {@code {"displayName":"x"} garbage} would otherwise be accepted; and a
 * syntax error is reported here by position instead of by parser internals. A string with an unpaired surrogate
 * (which JSON's escapes can spell) is refused here too, as it is no Unicode text, and so is a body that is not UTF-8
 * (a UTF-16 body, with or without a byte order mark, which the parser would otherwise detect and read). Runs after {@link BodyLimitFilter}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(BodyLimitFilter.ORDER + 1)
public final class JsonBodyFilter {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    @RequestFilter
    @Nullable
    public HttpResponse<Problem> check(HttpRequest<?> request) {
        if (!takesBody(request) || !consumesJson(request) || !isJson(request)) {
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
        String text;
        try {
            // JSON exchanged between systems is UTF-8 (RFC 8259, 8.1); the parser alone would also take UTF-16 or -32
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return malformed(request, "The request body must be UTF-8 text", null);
        }
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return null;
            }
            int depth = 0;
            while (true) {
                if ((token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING)
                        && hasUnpairedSurrogate(parser.getText())) {
                    return malformed(request, "A string of the request body holds an unpaired surrogate, which is"
                            + " no Unicode text", parser.currentTokenLocation());
                }
                depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
                if (depth == 0) {
                    break;
                }
                token = parser.nextToken();
                if (token == null) {
                    return malformed(request, "The request body is not well-formed JSON", null);
                }
            }
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

    /**
     * Whether {@code text} holds a surrogate that is not half of a pair. JSON's escapes can spell one, but it is no
     * Unicode text: stores and other services would refuse it or replace it, so it is not taken in.
     */
    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean takesBody(HttpRequest<?> request) {
        return RouteAttributes.getRouteInfo(request).flatMap(RouteInfo::getRequestBodyType).isPresent();
    }

    /** Whether the route reads JSON at all: an avatar upload's body is an image, checked by its own controller. */
    private static boolean consumesJson(HttpRequest<?> request) {
        return RouteAttributes.getRouteInfo(request)
                .map(route -> route.getConsumes().stream().anyMatch(JsonBodyFilter::isJsonType))
                .orElse(true);
    }

    private static boolean isJsonType(io.micronaut.http.MediaType type) {
        String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
        return subtype.equals("json") || subtype.endsWith("+json");
    }

    /**
     * No content type is read as JSON by the binding, so it is checked as JSON too; other types get a 415. Media
     * types are case-insensitive: the binding reads {@code APPLICATION/JSON} as JSON, so it is checked as JSON.
     */
    private static boolean isJson(HttpRequest<?> request) {
        return request.getContentType()
                .map(type -> type.getSubtype().toLowerCase(Locale.ROOT))
                .map(subtype -> subtype.equals("json") || subtype.endsWith("+json"))
                .orElse(true);
    }

    /**
     * The body as the gateway delivered it; the binding reads the same bytes.
     *
     * @throws IllegalArgumentException when the event says base64 and the body is not
     */
    @Nullable
    public static byte[] rawBody(HttpRequest<?> request) {
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
