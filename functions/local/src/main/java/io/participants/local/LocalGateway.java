package io.participants.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.participants.api.FunctionCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** API Gateway in front of the function: route, JWT authorizer, payload 2.0 event, in-process call, HTTP reply. */
public final class LocalGateway {

    /** API Gateway HTTP APIs refuse larger request bodies. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(LocalGateway.class);

    private final JwtAuthorizer authorizer;
    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
    private final Clock clock;

    public LocalGateway(JwtAuthorizer authorizer,
                        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, Clock clock) {
        this.authorizer = authorizer;
        this.handler = handler;
        this.clock = clock;
    }

    public GatewayResponse handle(GatewayRequest request) {
        if (request.body() != null && request.body().length > MAX_BODY_BYTES) {
            return GatewayResponse.message(413, "Request Entity Too Large");
        }
        FunctionCatalog.Function route = FunctionCatalog.route(request.method(), request.rawPath()).orElse(null);
        if (route == null) {
            return GatewayResponse.message(404, "Not Found");
        }
        // the public route (the OAuth callback) has no authorizer at API Gateway, so none here either
        JwtAuthorizer.Decision decision = route.authorized()
                ? authorizer.authorize(request.firstHeader("Authorization").orElse(null), route.scope())
                : null;
        if (decision instanceof JwtAuthorizer.Refused refused) {
            GatewayResponse response = GatewayResponse.message(refused.status(), refused.message());
            Map<String, List<String>> headers = new TreeMap<>(response.headers());
            headers.put("WWW-Authenticate", List.of(refused.challenge()));
            return new GatewayResponse(response.status(), headers, response.body());
        }
        String requestId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        APIGatewayV2HTTPEvent event =
                HttpApiEvents.from(request, route, (JwtAuthorizer.Allowed) decision, requestId, now);
        try {
            return toHttp(handler.handleRequest(event, new LocalLambdaContext(requestId, route.name(), clock)));
        } catch (RuntimeException e) {
            LOG.error("{} failed on {} {}", route.name(), request.method(), request.rawPath(), e);
            return GatewayResponse.message(500, "Internal Server Error");
        }
    }

    private static GatewayResponse toHttp(APIGatewayV2HTTPResponse response) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        }
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> headers.put(name, new ArrayList<>(List.of(value))));
        }
        if (response.getCookies() != null && !response.getCookies().isEmpty()) {
            headers.computeIfAbsent("Set-Cookie", n -> new ArrayList<>()).addAll(response.getCookies());
        }
        // The server frames the body itself.
        headers.keySet().removeIf(name -> List.of("content-length", "transfer-encoding")
                .contains(name.toLowerCase(Locale.ROOT)));
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        return new GatewayResponse(response.getStatusCode(), headers, bytes);
    }
}
