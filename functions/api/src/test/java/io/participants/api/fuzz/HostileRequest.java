package io.participants.api.fuzz;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.participants.api.FunctionCatalog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One API Gateway HTTP API (payload 2.0) event aimed at one function, built by hand so that every part of it can be
 * hostile: path variables (as the gateway hands them, percent-decoded), headers, query parameters, cookies, the
 * verified claims, the body and its base64 flag. It names the defect that makes the API bound to refuse it.
 */
final class HostileRequest {

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)}");
    private static final int SHOWN = 300;

    final FunctionCatalog.Function function;
    final List<String> defects = new ArrayList<>();
    final List<String> noise = new ArrayList<>();

    /** Null: no authorizer at all (anonymous). */
    String tenantClaim;
    /** False: an authorizer whose JWT carries no claims. */
    boolean claims = true;
    List<String> scopes;
    final Map<String, String> pathVariables = new LinkedHashMap<>();
    /** Header names in lower case, as API Gateway passes them; duplicates are joined with commas. */
    final Map<String, String> headers = new LinkedHashMap<>();
    final Map<String, String> query = new LinkedHashMap<>();
    final List<String> cookies = new ArrayList<>();
    String body;
    boolean base64;
    String sourceIp = "127.0.0.1";
    String userAgent = "fuzz";

    HostileRequest(FunctionCatalog.Function function) {
        this.function = function;
    }

    String method() {
        return function.method();
    }

    /** The path as the gateway hands it to the function: the route's template with each variable, decoded. */
    String path() {
        Matcher variable = VARIABLE.matcher(function.path());
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(path,
                    Matcher.quoteReplacement(pathVariables.getOrDefault(variable.group(1), "x")));
        }
        variable.appendTail(path);
        return path.toString();
    }

    APIGatewayV2HTTPEvent event() {
        String path = path();
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method()).withPath(path).withProtocol("HTTP/1.1").withSourceIp(sourceIp)
                .withUserAgent(userAgent).build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(http).withRequestId(UUID.randomUUID().toString()).withRouteKey("$default")
                .withStage("$default").withTimeEpoch(System.currentTimeMillis()).withAccountId("123456789012")
                .withApiId("fuzz").withDomainName("fuzz.local");
        if (tenantClaim != null) {
            Map<String, String> jwtClaims = null;
            if (claims) {
                jwtClaims = new HashMap<>();
                jwtClaims.put("sub", "fuzzer");
                jwtClaims.put("tenant_id", tenantClaim);
                jwtClaims.put("scope", String.join(" ", scopes));
            }
            context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                            .withClaims(jwtClaims).withScopes(claims ? new ArrayList<>(scopes) : null).build())
                    .build());
        }
        StringBuilder rawQuery = new StringBuilder();
        query.forEach((name, value) -> rawQuery.append(rawQuery.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey("$default").withRawPath(path)
                .withRawQueryString(rawQuery.toString())
                .withQueryStringParameters(query.isEmpty() ? null : new HashMap<>(query))
                .withHeaders(new HashMap<>(headers))
                .withCookies(cookies.isEmpty() ? null : new ArrayList<>(cookies))
                .withRequestContext(context.build())
                .withBody(body).withIsBase64Encoded(base64)
                .build();
    }

    /** Every string the request carries, to tell an echo of the input from a leak of the implementation. */
    String allInput() {
        StringBuilder all = new StringBuilder(path()).append('\n');
        headers.forEach((k, v) -> all.append(k).append(':').append(v).append('\n'));
        query.forEach((k, v) -> all.append(k).append('=').append(v).append('\n'));
        cookies.forEach(c -> all.append(c).append('\n'));
        all.append(tenantClaim).append('\n').append(scopes).append('\n').append(sourceIp).append(userAgent);
        if (body != null) {
            all.append('\n').append(body);
            if (base64) {
                try {
                    all.append('\n').append(new String(java.util.Base64.getDecoder().decode(body),
                            StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // not base64: the raw text is all there is
                }
            }
        }
        return all.toString();
    }

    static String shown(String s) {
        if (s == null) {
            return "null";
        }
        String escaped = JsonGarbage.quote(s.length() > SHOWN ? s.substring(0, SHOWN) : s);
        return s.length() > SHOWN ? escaped + "…(" + s.length() + " chars)" : escaped;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(function.name()).append(' ').append(defects);
        if (!noise.isEmpty()) {
            out.append(" noise=").append(noise);
        }
        out.append("\n    ").append(method()).append(' ').append(shown(path()));
        if (!query.isEmpty()) {
            out.append("\n    query ");
            query.forEach((k, v) -> out.append(shown(k)).append('=').append(shown(v)).append(' '));
        }
        out.append("\n    claims ").append(tenantClaim == null ? "none (anonymous)"
                : claims ? "tenant=" + shown(tenantClaim) + " scopes=" + scopes : "empty");
        if (!headers.isEmpty()) {
            out.append("\n    headers ");
            headers.forEach((k, v) -> out.append(shown(k)).append(": ").append(shown(v)).append("; "));
        }
        if (!cookies.isEmpty()) {
            out.append("\n    cookies ").append(cookies.stream().map(HostileRequest::shown).toList());
        }
        if (!"127.0.0.1".equals(sourceIp) || !"fuzz".equals(userAgent)) {
            out.append("\n    sourceIp ").append(shown(sourceIp)).append(" userAgent ").append(shown(userAgent));
        }
        out.append("\n    body").append(base64 ? " (base64) " : " ").append(shown(body));
        return out.toString();
    }
}
