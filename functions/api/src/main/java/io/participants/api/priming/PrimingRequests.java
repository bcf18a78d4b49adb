package io.participants.api.priming;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.participants.api.FunctionCatalog;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests that warm a function before its snapshot, built so that none can change stored data: every resource
 * id is a fresh random UUID under a tenant reserved for priming, so reads find nothing and conditional writes find
 * no item to act on, and every request body is refused by validation (an unknown field) before any store is called.
 * What they do run is the real path: routing, claims, path and body binding, the controller and its services, the
 * DynamoDB client's first call (a read of a missing item), and the problem serializer.
 */
public final class PrimingRequests {

    /** The tenant (and workspace) every priming request acts for; it owns no data. */
    public static final String TENANT = "00000000-0000-4000-8000-00000000c0de";
    /** A body every route with a body refuses: no request type of the API accepts this field. */
    static final String REFUSED_BODY = "{\"snapStartPriming\":true}";

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)}");

    private PrimingRequests() {
    }

    /** The priming request of one function, with the claims that the gateway's JWT authorizer would pass. */
    public static APIGatewayV2HTTPEvent of(FunctionCatalog.Function function, String tenantClaim) {
        String path = fill(function.path());
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        headers.put("user-agent", "snapstart-priming");
        String query = "";
        Map<String, String> parameters = null;
        String body = null;
        switch (function.method()) {
            case "GET", "DELETE" -> {
                if (function.name().equals("slack-oauth-callback")) {
                    // a forged state: refused by its signature before any store is read or written
                    query = "code=priming&state=v1.priming.priming";
                } else if (function.name().equals("lookup-participant-by-channel")) {
                    // a config that does not exist: the lookup's one batch read finds nothing, so it stops there
                    String config = UUID.randomUUID().toString();
                    query = "integrationConfigId=" + config + "&address=priming@example.invalid";
                    parameters = Map.of("integrationConfigId", config, "address", "priming@example.invalid");
                }
            }
            default -> body = REFUSED_BODY;
        }
        if (function.name().equals("upload-participant-avatar")) {
            // declared an image, so that the route's controller runs and refuses the bytes (no image) itself
            headers.put("content-type", "image/png");
        }
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(function.method()).withPath(path).withProtocol("HTTP/1.1")
                .withSourceIp("127.0.0.1").withUserAgent("snapstart-priming").build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(http).withRequestId("snapstart-priming-" + function.name())
                .withRouteKey(function.routeKey()).withStage("$default")
                .withTimeEpoch(System.currentTimeMillis());
        if (function.authorized()) {
            context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                            .withClaims(Map.of(tenantClaim, TENANT, "scope", function.scope()))
                            .build())
                    .build());
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(function.routeKey()).withRawPath(path).withRawQueryString(query)
                .withQueryStringParameters(parameters)
                .withHeaders(headers).withRequestContext(context.build())
                .withBody(body).withIsBase64Encoded(false)
                .build();
    }

    /** The path with each variable set to a value that names nothing stored. */
    private static String fill(String template) {
        Matcher variables = VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (variables.find()) {
            variables.appendReplacement(path, Matcher.quoteReplacement(value(variables.group(1))));
        }
        variables.appendTail(path);
        return path.toString();
    }

    private static String value(String variable) {
        return switch (variable) {
            case "tenantId", "workspaceId" -> TENANT;
            case "agentId" -> "snapstart-priming";
            case "identifierKey" -> "emailaddress";
            case "identifierValue" -> "priming@example.invalid";
            default -> UUID.randomUUID().toString();
        };
    }
}
