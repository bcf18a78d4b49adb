package io.participants.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.participants.api.FunctionCatalog;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The event carries the request the way an API Gateway HTTP API (payload 2.0) hands it to Lambda. */
class HttpApiEventsTest {

    /** As the server hands it over: decoded once from the client's {@code a%2Bb%20c+d}, like API Gateway does. */
    private static final String RAW_PATH = "/v1/tenants/acme/participants/a+b c+d/bindings/agent-1";
    private static final Instant NOW = Instant.parse("2026-03-12T19:03:58.390Z");

    private final Map<String, Object> claims = new LinkedHashMap<>(Map.of(
            "iss", "participants-local",
            "aud", List.of("participants-api", "other-api"),
            "exp", 1_800_000_000L,
            "ratio", 0.5,
            "tenant_id", "acme",
            "scope", "participants:read participants:write",
            "address", Map.of("country", "FR")));
    private final JwtAuthorizer.Allowed allowed = new JwtAuthorizer.Allowed(claims, JwtAuthorizer.scopes(claims));

    @Test
    void theEventDescribesTheRequestAndTheRoute() {
        APIGatewayV2HTTPEvent event = build(request("application/json", "{\"agent\":1}".getBytes(StandardCharsets.UTF_8)));

        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("PUT /v1/tenants/{tenantId}/participants/{participantId}/bindings/{agentId}");
        assertThat(event.getRawPath()).isEqualTo(RAW_PATH);
        assertThat(event.getRawQueryString()).isEqualTo("tag=a&tag=b&name=J%C3%B6rg+M&flag");
        assertThat(event.getBody()).isEqualTo("{\"agent\":1}");
        assertThat(event.getIsBase64Encoded()).isFalse();

        var context = event.getRequestContext();
        assertThat(context.getRouteKey()).isEqualTo(event.getRouteKey());
        assertThat(context.getStage()).isEqualTo("$default");
        assertThat(context.getApiId()).isEqualTo("local");
        assertThat(context.getRequestId()).isEqualTo("request-1");
        assertThat(context.getDomainName()).isEqualTo("127.0.0.1:8080");
        assertThat(context.getTime()).isEqualTo("12/Mar/2026:19:03:58 +0000");
        assertThat(context.getTimeEpoch()).isEqualTo(NOW.toEpochMilli());
        assertThat(context.getHttp().getMethod()).isEqualTo("PUT");
        assertThat(context.getHttp().getPath()).isEqualTo(RAW_PATH);
        assertThat(context.getHttp().getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(context.getHttp().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(context.getHttp().getUserAgent()).isEqualTo("curl/8.5.0");
    }

    @Test
    void pathParametersAreTheDecodedSegments() {
        assertThat(build(request(null, new byte[0])).getPathParameters()).containsExactly(
                Map.entry("tenantId", "acme"),
                Map.entry("participantId", "a+b c+d"),
                Map.entry("agentId", "agent-1"));
    }

    @Test
    void theQueryIsDecodedWithRepeatedNamesJoinedByCommas() {
        assertThat(build(request(null, new byte[0])).getQueryStringParameters()).containsExactly(
                Map.entry("tag", "a,b"),
                Map.entry("name", "Jörg M"),
                Map.entry("flag", ""));
    }

    @Test
    void headersAreLowerCasedAndJoinedWhileCookiesGetTheirOwnField() {
        APIGatewayV2HTTPEvent event = build(request(null, new byte[0]));

        assertThat(event.getHeaders())
                .containsEntry("x-trace", "one,two")
                .containsEntry("host", "127.0.0.1:8080")
                .doesNotContainKey("cookie")
                .doesNotContainKey("X-Trace");
        assertThat(event.getCookies()).containsExactly("session=abc", "theme=dark", "lang=fr");
    }

    @Test
    void everyClaimIsAStringAsTheAuthorizerRendersIt() {
        var jwt = build(request(null, new byte[0])).getRequestContext().getAuthorizer().getJwt();

        assertThat(jwt.getClaims())
                .containsEntry("iss", "participants-local")
                .containsEntry("aud", "[participants-api other-api]")
                .containsEntry("exp", "1800000000")
                .containsEntry("ratio", "0.5")
                .containsEntry("tenant_id", "acme")
                .containsEntry("scope", "participants:read participants:write")
                .containsEntry("address", "{\"country\":\"FR\"}");
        assertThat(jwt.getScopes()).containsExactly("participants:read", "participants:write");
    }

    @Test
    void aBinaryBodyIsBase64Encoded() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};

        APIGatewayV2HTTPEvent event = build(request("image/png", png));

        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(event.getBody())).containsExactly(png);
    }

    @Test
    void anEmptyBodyIsAbsent() {
        APIGatewayV2HTTPEvent event = build(request("application/json", new byte[0]));

        assertThat(event.getBody()).isNull();
        assertThat(event.getIsBase64Encoded()).isFalse();
    }

    @Test
    void thePublicRoutesEventHasNoAuthorizer() {
        GatewayRequest callback = new GatewayRequest("GET", "/v1/oauth/slack/callback", "code=c&state=s",
                Map.of("Host", List.of("127.0.0.1:8080")), new byte[0], "127.0.0.1", "HTTP/1.1");
        FunctionCatalog.Function route = FunctionCatalog.route("GET", callback.rawPath()).orElseThrow();

        APIGatewayV2HTTPEvent event = HttpApiEvents.from(callback, route, null, "request-2", NOW);

        assertThat(route.authorized()).isFalse();
        assertThat(event.getRequestContext().getAuthorizer()).isNull();
        assertThat(event.getRouteKey()).isEqualTo("GET /v1/oauth/slack/callback");
        assertThat(event.getQueryStringParameters()).containsExactly(Map.entry("code", "c"), Map.entry("state", "s"));
    }

    @Test
    void aCustomMethodTravelsUnderItsGatewayRouteKeyWithTheWholeSegmentAsParameter() {
        GatewayRequest disable = new GatewayRequest("POST", "/v1/tenants/acme/participants/p-1:disable", null,
                Map.of(), new byte[0], "127.0.0.1", "HTTP/1.1");
        FunctionCatalog.Function route = FunctionCatalog.route("POST", disable.rawPath()).orElseThrow();

        APIGatewayV2HTTPEvent event = HttpApiEvents.from(disable, route, allowed, "request-3", NOW);

        assertThat(route.name()).isEqualTo("disable-participant");
        assertThat(event.getRouteKey()).isEqualTo("POST /v1/tenants/{tenantId}/participants/{participantId}");
        assertThat(event.getPathParameters()).containsExactly(
                Map.entry("tenantId", "acme"), Map.entry("participantId", "p-1:disable"));
    }

    private APIGatewayV2HTTPEvent build(GatewayRequest request) {
        FunctionCatalog.Function route = FunctionCatalog.route(request.method(), request.rawPath()).orElseThrow();
        return HttpApiEvents.from(request, route, allowed, "request-1", NOW);
    }

    private static GatewayRequest request(String contentType, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("127.0.0.1:8080"));
        headers.put("User-agent", List.of("curl/8.5.0"));
        headers.put("X-Trace", List.of("one", "two"));
        headers.put("Cookie", List.of("session=abc; theme=dark", "lang=fr"));
        if (contentType != null) {
            headers.put("Content-Type", List.of(contentType));
        }
        return new GatewayRequest("PUT", RAW_PATH, "tag=a&tag=b&name=J%C3%B6rg+M&flag", headers, body,
                "127.0.0.1", "HTTP/1.1");
    }
}
