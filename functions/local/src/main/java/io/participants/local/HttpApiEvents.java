package io.participants.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.participants.api.FunctionCatalog;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds the payload 2.0 event that an API Gateway HTTP API sends its Lambda integration for a request. */
public final class HttpApiEvents {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private HttpApiEvents() {
    }

    /**
     * The event for {@code request} on {@code route}, by a caller the authorizer {@code allowed}; {@code allowed} is
     * null on the public route, whose event carries no authorizer, as API Gateway sends it.
     */
    public static APIGatewayV2HTTPEvent from(GatewayRequest request, FunctionCatalog.Function route,
                                             JwtAuthorizer.Allowed allowed, String requestId, Instant now) {
        String routeKey = route.routeKey();
        Map<String, String> headers = headers(request);
        String host = headers.getOrDefault("host", "localhost");
        APIGatewayV2HTTPEvent.APIGatewayV2HTTPEventBuilder event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(request.rawPath())
                .withRawQueryString(request.rawQuery() == null ? "" : request.rawQuery())
                .withCookies(nullIfEmpty(cookies(request)))
                .withHeaders(headers)
                .withQueryStringParameters(nullIfEmpty(query(request.rawQuery())))
                .withPathParameters(nullIfEmpty(pathParameters(route, request)))
                .withRequestContext(RequestContext.builder()
                        .withAccountId("000000000000")
                        .withApiId("local")
                        // Host as the client sent it, port included, so absolute links built from it still work.
                        .withDomainName(host)
                        .withDomainPrefix(host.split("[.:]", 2)[0])
                        .withHttp(RequestContext.Http.builder()
                                .withMethod(request.method())
                                .withPath(request.rawPath())
                                .withProtocol(request.protocol())
                                .withSourceIp(request.sourceIp())
                                .withUserAgent(headers.getOrDefault("user-agent", ""))
                                .build())
                        .withRequestId(requestId)
                        .withRouteKey(routeKey)
                        .withStage("$default")
                        .withTime(TIME.format(now))
                        .withTimeEpoch(now.toEpochMilli())
                        .withAuthorizer(allowed == null ? null : RequestContext.Authorizer.builder()
                                .withJwt(RequestContext.Authorizer.JWT.builder()
                                        .withClaims(claims(allowed.claims()))
                                        .withScopes(allowed.scopes())
                                        .build())
                                .build())
                        .build());
        byte[] body = request.body();
        if (body != null && body.length > 0) {
            boolean text = isText(headers.get("content-type"));
            event.withBody(text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body))
                    .withIsBase64Encoded(!text);
        }
        return event.build();
    }

    /** Lower-cased names, repeated headers joined by commas; cookies travel in their own field instead. */
    private static Map<String, String> headers(GatewayRequest request) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        request.headers().forEach((name, values) ->
                byName.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        byName.remove("cookie");
        Map<String, String> headers = new LinkedHashMap<>();
        byName.forEach((name, values) -> headers.put(name, String.join(",", values)));
        return headers;
    }

    private static List<String> cookies(GatewayRequest request) {
        List<String> cookies = new ArrayList<>();
        for (String header : request.header("cookie")) {
            for (String cookie : header.split(";")) {
                if (!cookie.isBlank()) {
                    cookies.add(cookie.trim());
                }
            }
        }
        return cookies;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    /**
     * The variables of the route's gateway path: a segment such as {@code {participantId}:disable} is the bare
     * {@code {participantId}} there, so its value is the whole segment ({@code p-1:disable}), as API Gateway has it.
     */
    private static Map<String, String> pathParameters(FunctionCatalog.Function route, GatewayRequest request) {
        FunctionCatalog.Function gatewayRoute = new FunctionCatalog.Function(route.name(), route.method(),
                route.gatewayPath(), route.scope(), route.deployable());
        // The path is already decoded, as the gateway delivers it: its segments are the parameters' values.
        return new LinkedHashMap<>(gatewayRoute.match(request.method(), request.rawPath()).orElseThrow());
    }

    /** Every claim as a string, the way API Gateway renders them: arrays as "[a b]", numbers in decimal. */
    static Map<String, String> claims(Map<String, Object> claims) {
        Map<String, String> rendered = new LinkedHashMap<>();
        claims.forEach((name, value) -> rendered.put(name, render(value)));
        return rendered;
    }

    @SuppressWarnings("unchecked")
    private static String render(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(HttpApiEvents::render).collect(Collectors.joining(" ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            // How API Gateway flattens nested objects is not documented; JSON at least keeps them readable.
            return JSONObjectUtils.toJSONString((Map<String, ?>) map);
        }
        return value.toString();
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.endsWith("/json") || type.endsWith("+json")
                || type.endsWith("/xml") || type.endsWith("+xml") || type.equals("application/x-www-form-urlencoded");
    }

    private static <T extends Collection<?>> T nullIfEmpty(T values) {
        return values.isEmpty() ? null : values;
    }

    private static <K, V> Map<K, V> nullIfEmpty(Map<K, V> values) {
        return values.isEmpty() ? null : values;
    }
}
