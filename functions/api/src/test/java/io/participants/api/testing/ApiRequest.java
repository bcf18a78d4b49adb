package io.participants.api.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds one API Gateway HTTP API event, by default authorised like the gateway's JWT authorizer would. */
public final class ApiRequest {

    public static final String TENANT = "acme";
    public static final List<String> ALL_SCOPES =
            List.of("participants:read", "participants:write", "integrations:admin");

    private final ApiHarness harness;
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private String body;
    private boolean base64;
    private String tenant = TENANT;
    private List<String> scopes = ALL_SCOPES;
    private boolean anonymous;

    ApiRequest(ApiHarness harness, String method, String path) {
        this.harness = harness;
        this.method = method;
        this.path = path;
    }

    public ApiRequest body(String json) {
        this.body = json;
        headers.putIfAbsent("content-type", "application/json");
        return this;
    }

    public ApiRequest jsonBody(Object value) {
        return body(harness.toJson(value));
    }

    public ApiRequest base64Body(String encoded) {
        this.body = encoded;
        this.base64 = true;
        return this;
    }

    public ApiRequest header(String name, String value) {
        headers.put(name.toLowerCase(), value);
        return this;
    }

    public ApiRequest query(String name, String value) {
        query.put(name, value);
        return this;
    }

    public ApiRequest tenant(String tenant) {
        this.tenant = tenant;
        return this;
    }

    public ApiRequest scopes(String... scopes) {
        this.scopes = List.of(scopes);
        return this;
    }

    public ApiRequest anonymous() {
        this.anonymous = true;
        return this;
    }

    public APIGatewayV2HTTPEvent event() {
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method).withPath(gatewayPath()).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1")
                .withUserAgent("tests").build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(http).withRequestId(UUID.randomUUID().toString()).withRouteKey("$default")
                .withStage("$default").withTimeEpoch(System.currentTimeMillis()).withAccountId("123456789012")
                .withApiId("tests").withDomainName("tests.local");
        if (!anonymous) {
            Map<String, String> claims = new HashMap<>();
            claims.put("sub", "user-1");
            claims.put("tenant_id", tenant);
            claims.put("scope", String.join(" ", scopes));
            context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                            .withClaims(claims).withScopes(scopes).build())
                    .build());
        }
        StringBuilder rawQuery = new StringBuilder();
        query.forEach((k, v) -> rawQuery.append(rawQuery.length() == 0 ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey("$default").withRawPath(gatewayPath())
                .withRawQueryString(rawQuery.toString())
                .withQueryStringParameters(query.isEmpty() ? null : new HashMap<>(query))
                .withHeaders(new HashMap<>(headers))
                .withRequestContext(context.build())
                .withBody(body).withIsBase64Encoded(base64)
                .build();
    }

    /**
     * The path as API Gateway HTTP APIs hand it to the function: the client's path (as given to
     * {@link ApiHarness#request}) percent-decoded once. A plus sign stays a plus sign: this is path decoding, not
     * form decoding.
     */
    private String gatewayPath() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && Character.digit(path.charAt(i + 1), 16) >= 0
                    && Character.digit(path.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(path.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    public ApiResponse send() {
        return harness.send(event());
    }
}
