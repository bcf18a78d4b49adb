package io.participants.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import io.micronaut.json.JsonMapper;
import io.participants.api.aws.InvocationDeadline;
import io.participants.api.http.CallerBinder;
import io.participants.api.http.GatewayPaths;
import io.participants.api.http.Problem;
import io.participants.api.http.ProblemType;
import io.participants.api.logging.RequestLogContext;
import io.participants.api.priming.RoutePriming;
import org.crac.Core;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * The Lambda handler of every function: Micronaut's HTTP API (payload 2.0) handler, with the gateway's decoded path
 * made routable first (see {@link GatewayPaths}), and a problem answer for the requests that fail before Micronaut's
 * own error handling runs, so that the gateway never turns a crashed invocation into a bare 500.
 */
public class ParticipantsHandler extends APIGatewayV2HTTPEventFunction {

    private static final String LAMBDA_ENVIRONMENT = "lambda";

    private static final Logger LOG = LoggerFactory.getLogger(ParticipantsHandler.class);

    /** The deployable this Lambda serves, or null (local mode, tests) for every route. */
    private final String function;
    private final String tenantClaim;
    /** Held so that the registered SnapStart hook stays reachable for as long as the handler. */
    private final RoutePriming priming;

    /**
     * The constructor Lambda calls: configuration comes from the environment, and with SnapStart the routes of this
     * function are primed before the snapshot.
     */
    public ParticipantsHandler() {
        super();
        this.function = applicationContext.getProperty(FunctionCatalog.FUNCTION_PROPERTY, String.class).orElse(null);
        this.tenantClaim = tenantClaim(applicationContext);
        this.priming = new RoutePriming(function, tenantClaim, this::handleRequest);
        Core.getGlobalContext().register(priming);
    }

    /** For tests and local mode, with a context they configured. */
    public ParticipantsHandler(ApplicationContext context) {
        super(context);
        this.function = context.getProperty(FunctionCatalog.FUNCTION_PROPERTY, String.class).orElse(null);
        this.tenantClaim = tenantClaim(context);
        this.priming = null;
    }

    private static String tenantClaim(ApplicationContext context) {
        return context.getProperty(CallerBinder.TENANT_CLAIM_PROPERTY, String.class)
                .orElse(CallerBinder.DEFAULT_TENANT_CLAIM);
    }

    /**
     * Micronaut's Lambda builder creates every singleton at start; a function builds only what its route uses
     * instead, and the SnapStart priming hook builds that before the snapshot.
     */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        // LambdaApplicationContextBuilder's environments, without its eager singletons (false there adds nothing)
        return ApplicationContext.builder().environments(Environment.FUNCTION, LAMBDA_ENVIRONMENT)
                .deduceEnvironment(false);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent input, Context context) {
        long start = System.nanoTime();
        RequestLogContext.open(input, context, function, tenantClaim);
        InvocationDeadline.start(context);
        try {
            APIGatewayV2HTTPResponse response = answer(input, context);
            // the route's template, never the path: paths hold ids and addresses
            LOG.info("{} answered {} in {} ms", input == null ? null : input.getRouteKey(),
                    response == null ? null : response.getStatusCode(), (System.nanoTime() - start) / 1_000_000);
            return response;
        } finally {
            InvocationDeadline.clear();
            RequestLogContext.clear();
        }
    }

    private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent input, Context context) {
        try {
            return super.handleRequest(routable(input), context);
        } catch (RuntimeException e) {
            if (isUnreadableUri(e)) {
                return problem(input, ProblemType.INVALID_REQUEST, "The request path is not a valid URI");
            }
            LOG.error("Unhandled error outside the router", e);
            return problem(input, ProblemType.INTERNAL,
                    "An unexpected error occurred; the request id identifies it in the logs");
        }
    }

    /** The router reads {@code requestContext.http.path}; both it and {@code rawPath} arrive decoded from the gateway. */
    private static APIGatewayV2HTTPEvent routable(APIGatewayV2HTTPEvent input) {
        if (input == null) {
            return null;
        }
        input.setRawPath(GatewayPaths.routable(input.getRawPath()));
        if (input.getRequestContext() != null && input.getRequestContext().getHttp() != null) {
            var http = input.getRequestContext().getHttp();
            http.setPath(GatewayPaths.routable(http.getPath() != null ? http.getPath() : input.getRawPath()));
        }
        return input;
    }

    private static boolean isUnreadableUri(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof URISyntaxException || t.getClass().getSimpleName().equals("UriSyntaxException")) {
                return true;
            }
        }
        return false;
    }

    private APIGatewayV2HTTPResponse problem(APIGatewayV2HTTPEvent input, ProblemType type, String detail) {
        Problem problem = new Problem(type.uri(), type.title(), type.status().getCode(), detail,
                input == null ? null : input.getRawPath(), null);
        String body;
        try {
            body = applicationContext.getBean(JsonMapper.class).writeValueAsString(problem);
        } catch (IOException | RuntimeException e) {
            body = "{\"type\":\"" + ProblemType.INTERNAL.uri() + "\",\"status\":500}";
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(type.status().getCode())
                .withHeaders(Map.of("Content-Type", Problem.MEDIA_TYPE))
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
