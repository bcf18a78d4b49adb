package io.participants.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.participants.api.FunctionCatalog;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpNoneAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpRouteKey;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The HTTP API: a JWT authorizer, the {@code $default} stage (auto-deployed, throttled, access-logged as JSON) and,
 * once the functions exist, one route per distinct route key of {@link FunctionCatalog}, integrated with the
 * deployable that serves it and requiring the scope of its function(s). The one public route, the Slack OAuth
 * callback, has no authorizer: its signed, single-use state authenticates it.
 */
public final class Api extends Construct {

    /**
     * @param jwtIssuer     the issuer URL tokens must carry in {@code iss} (and whose OIDC discovery gives the keys)
     * @param jwtAudience   the accepted {@code aud} values
     * @param throttleBurst the stage's default route burst limit
     * @param throttleRate  the stage's default route rate limit (requests per second)
     */
    public record Props(String jwtIssuer, List<String> jwtAudience, int throttleBurst, double throttleRate) {
    }

    public static final String IDENTITY_SOURCE = "$request.header.Authorization";
    /** One JSON object per request in the access log group. */
    public static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\","
            + "\"requestTime\":\"$context.requestTime\",\"ip\":\"$context.identity.sourceIp\","
            + "\"userAgent\":\"$context.identity.userAgent\",\"httpMethod\":\"$context.httpMethod\","
            + "\"path\":\"$context.path\",\"routeKey\":\"$context.routeKey\",\"status\":\"$context.status\","
            + "\"protocol\":\"$context.protocol\",\"responseLength\":\"$context.responseLength\","
            + "\"responseLatency\":\"$context.responseLatency\","
            + "\"integrationLatency\":\"$context.integration.latency\","
            + "\"integrationStatus\":\"$context.integration.status\","
            + "\"integrationError\":\"$context.integrationErrorMessage\","
            + "\"authorizerError\":\"$context.authorizer.error\",\"sub\":\"$context.authorizer.claims.sub\"}";

    private final HttpApi httpApi;
    private final HttpStage stage;
    private final HttpJwtAuthorizer authorizer;
    private final LogGroup accessLogs;

    public Api(Construct scope, String id, Props props) {
        super(scope, id);
        httpApi = HttpApi.Builder.create(this, "HttpApi")
                .apiName("participants-api")
                .description("Participants API")
                .createDefaultStage(false)
                .build();
        accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(RetentionDays.ONE_MONTH)
                .build();
        stage = HttpStage.Builder.create(this, "DefaultStage")
                .httpApi(httpApi)
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder()
                        .burstLimit(props.throttleBurst())
                        .rateLimit(props.throttleRate())
                        .build())
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return new LogGroupLogDestination(accessLogs);
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
                    }
                })
                .build();
        authorizer = new HttpJwtAuthorizer("JwtAuthorizer", props.jwtIssuer(), HttpJwtAuthorizerProps.builder()
                .authorizerName("jwt")
                .jwtAudience(props.jwtAudience())
                .identitySource(List.of(IDENTITY_SOURCE))
                .build());
    }

    /**
     * Adds one route per distinct route key of the catalog, each integrated with its deployable's target.
     *
     * @param targets the invocation target (the function's alias) of a deployable
     */
    public void addRoutes(List<FunctionCatalog.Function> catalog, Function<String, IFunction> targets) {
        Map<String, HttpLambdaIntegration> integrations = new LinkedHashMap<>();
        Map<String, List<FunctionCatalog.Function>> byRoute = catalog.stream().collect(Collectors.groupingBy(
                FunctionCatalog.Function::routeKey, LinkedHashMap::new, Collectors.toList()));
        byRoute.forEach((routeKey, functions) -> {
            FunctionCatalog.Function first = functions.get(0);
            List<String> deployables = functions.stream().map(FunctionCatalog.Function::deployable).distinct().toList();
            if (deployables.size() != 1) {
                throw new IllegalStateException("Route " + routeKey + " is served by several deployables: "
                        + deployables);
            }
            List<String> scopes = functions.stream().map(FunctionCatalog.Function::scope).distinct().toList();
            if (scopes.contains(null) && scopes.size() > 1) {
                throw new IllegalStateException("Route " + routeKey + " mixes public and authorized functions");
            }
            String deployable = deployables.get(0);
            HttpLambdaIntegration integration = integrations.computeIfAbsent(deployable, d ->
                    new HttpLambdaIntegration(Functions.logicalId(d) + "Integration", targets.apply(d)));
            HttpRoute.Builder route = HttpRoute.Builder.create(this, routeId(routeKey))
                    .httpApi(httpApi)
                    .routeKey(HttpRouteKey.with(first.gatewayPath(), HttpMethod.valueOf(first.method())))
                    .integration(integration);
            if (first.authorized()) {
                route.authorizer(authorizer).authorizationScopes(scopes.stream().filter(Objects::nonNull).toList());
            } else {
                route.authorizer(new HttpNoneAuthorizer());
            }
            HttpRoute created = route.build();
            if (!first.authorized() && first.name().equals(FunctionCatalog.RECEIVE_WEBHOOK)) {
                NagSuppressions.addResourceSuppressions(created, List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-APIG4")
                        .reason("Providers (Slack, Telegram, Twilio) post inbound messages without a bearer token;"
                                + " the function accepts only a request whose URL holds a webhook key it issued"
                                + " (stored as a SHA-256 hash, compared in constant time) and whose provider"
                                + " signature checks out, before it records anything.")
                        .build()), true);
            } else if (!first.authorized()) {
                NagSuppressions.addResourceSuppressions(created, List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-APIG4")
                        .reason("An OAuth callback (Slack's, Microsoft's) is opened by the operator's browser"
                                + " redirected from the provider, which carries no bearer token; the function accepts only a state it"
                                + " signed (HMAC key in Secrets Manager), unexpired and unused (a single-use"
                                + " DynamoDB item), before it does anything else.")
                        .build()), true);
            }
        });
    }

    /** A readable construct id for a route key (construct ids may not hold '/'): {@code Route GET v1.tenants.(tenantId)...}. */
    static String routeId(String routeKey) {
        return "Route " + routeKey.replace(" /", " ").replace('/', '.').replace('{', '(').replace('}', ')');
    }

    public HttpApi httpApi() {
        return httpApi;
    }

    public HttpStage stage() {
        return stage;
    }

    /** The API's base URL, {@code https://{apiId}.execute-api.{region}.{urlSuffix}} (the $default stage's). */
    public String endpoint() {
        return httpApi.getApiEndpoint();
    }

    public LogGroup accessLogs() {
        return accessLogs;
    }
}
