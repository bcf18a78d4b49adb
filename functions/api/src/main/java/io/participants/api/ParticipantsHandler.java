package io.participants.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.config.DeserializationConfiguration;
import io.micronaut.serde.config.SerializationConfiguration;
import io.participants.api.aws.AwsCalls;
import io.participants.api.aws.InvocationDeadline;
import io.participants.api.http.CallerBinder;
import io.participants.api.http.GatewayEvents;
import io.participants.api.http.GatewayHeaders;
import io.participants.api.http.GatewayPaths;
import io.participants.api.http.Problem;
import io.participants.api.http.ProblemType;
import io.participants.api.logging.RequestLogContext;
import io.participants.api.priming.RoutePriming;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Lambda handler of every function: Micronaut's HTTP API (payload 2.0) handler, with the gateway's decoded path
 * made routable first (see {@link GatewayPaths}) and its headers checked (see {@link GatewayHeaders}), and a problem
 * answer for the requests that fail before Micronaut's own error handling runs or that it answers without a body,
 * so that the gateway never turns a crashed invocation into a bare 500 and every error has a problem body.
 */
public class ParticipantsHandler extends APIGatewayV2HTTPEventFunction implements RequestStreamHandler {

    private static final String LAMBDA_ENVIRONMENT = "lambda";

    private static final Logger LOG = LoggerFactory.getLogger(ParticipantsHandler.class);

    /** The deployable this Lambda serves, or null (local mode, tests) for every route. */
    private final String function;
    private final String tenantClaim;
    /** The SnapStart hook of this Lambda (null in tests and local mode); RoutePriming itself keeps it reachable. */
    private final RoutePriming priming;
    /** Reads the event and writes the answer of {@link #handleRequest(InputStream, OutputStream, Context)}. */
    private final GatewayEvents events;

    /**
     * The constructor Lambda calls: configuration comes from the environment, and with SnapStart the routes of this
     * function are primed before the snapshot.
     */
    public ParticipantsHandler() {
        super();
        this.function = applicationContext.getProperty(FunctionCatalog.FUNCTION_PROPERTY, String.class).orElse(null);
        this.tenantClaim = tenantClaim(applicationContext);
        this.events = gatewayEvents(applicationContext);
        // priming hands its events in as bytes, as Lambda does, so that reading and writing them is primed too
        this.priming = new RoutePriming(function, tenantClaim, this::handleAsLambda, applicationContext).register();
    }

    /** For tests and local mode, with a context they configured. */
    public ParticipantsHandler(ApplicationContext context) {
        super(context);
        this.function = context.getProperty(FunctionCatalog.FUNCTION_PROPERTY, String.class).orElse(null);
        this.tenantClaim = tenantClaim(context);
        this.events = gatewayEvents(context);
        this.priming = null;
    }

    private static GatewayEvents gatewayEvents(ApplicationContext context) {
        return new GatewayEvents(context.getBean(ObjectMapper.class), context.getBean(SerializationConfiguration.class),
                context.getBean(DeserializationConfiguration.class));
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
        return lambdaContextBuilder();
    }

    /** The context a Lambda builds, for local mode to add its own beans to before it builds the handler. */
    public static ApplicationContextBuilder lambdaContextBuilder() {
        // LambdaApplicationContextBuilder's environments, without its eager singletons (false there adds nothing)
        return ApplicationContext.builder().environments(Environment.FUNCTION, LAMBDA_ENVIRONMENT)
                .deduceEnvironment(false);
    }

    /**
     * The entry point Lambda calls (the function's handler is this class, without a method, so the runtime hands the
     * invocation over as bytes and loads no serializer of its own): the event is read and the response written by
     * {@link GatewayEvents}, with the application's own JSON stack. Input that is no HTTP API event, which the gateway
     * never sends, is answered with a problem like every other refused request.
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        APIGatewayV2HTTPEvent event;
        try {
            event = events.read(input);
        } catch (IOException | RuntimeException e) {
            LOG.warn("The invocation is not an HTTP API event: {}", e.getClass().getSimpleName());
            events.write(problem(null, ProblemType.INVALID_REQUEST,
                    "The invocation is not an API Gateway HTTP API (payload 2.0) event"), output);
            return;
        }
        events.write(handleRequest(event, context), output);
    }

    /** An event handled as Lambda hands it over: written to bytes, then read, handled and answered as bytes. */
    APIGatewayV2HTTPResponse handleAsLambda(APIGatewayV2HTTPEvent event, Context context) {
        try {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            handleRequest(new ByteArrayInputStream(events.bytes(event)), output, context);
            return events.response(output.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
            AwsCalls.clear();
            RequestLogContext.clear();
        }
    }

    private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent input, Context context) {
        if (input != null && input.getHeaders() != null) {
            Optional<Map<String, String>> headers = GatewayHeaders.normalized(input.getHeaders());
            if (headers.isEmpty()) {
                return problem(input, ProblemType.INVALID_REQUEST, "A request header has a malformed name or value");
            }
            input.setHeaders(headers.get());
        }
        APIGatewayV2HTTPResponse response;
        try {
            response = super.handleRequest(routable(input), context);
        } catch (RuntimeException e) {
            if (isUnreadableUri(e)) {
                return problem(input, ProblemType.INVALID_REQUEST, "The request path is not a valid URI");
            }
            LOG.error("Unhandled error outside the router", e);
            return problem(input, ProblemType.INTERNAL,
                    "An unexpected error occurred; the request id identifies it in the logs");
        }
        return withProblemBody(input, response);
    }

    /**
     * An error answered without a body (a framework filter's refusal, such as the CORS filter's 403 for a foreign
     * Origin on a local server, or an error response the framework failed to encode) gets the problem body every
     * error of the API has.
     */
    private APIGatewayV2HTTPResponse withProblemBody(APIGatewayV2HTTPEvent input, APIGatewayV2HTTPResponse response) {
        if (response == null || response.getStatusCode() < 400
                || response.getBody() != null && !response.getBody().isEmpty()) {
            return response;
        }
        ProblemType type = ProblemType.forStatus(response.getStatusCode());
        boolean crossOrigin = response.getStatusCode() == 403 && input != null && input.getHeaders() != null
                && input.getHeaders().keySet().stream().anyMatch("origin"::equalsIgnoreCase);
        String detail = response.getStatusCode() >= 500
                ? "An unexpected error occurred; the request id identifies it in the logs"
                : crossOrigin ? "Cross-origin requests from this Origin are not allowed" : type.title();
        APIGatewayV2HTTPResponse problem = problem(input, type, response.getStatusCode(), detail);
        Map<String, String> headers = new HashMap<>();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    headers.put(name, value);
                }
            });
        }
        headers.put("Content-Type", Problem.MEDIA_TYPE);
        problem.setHeaders(headers);
        if (response.getMultiValueHeaders() != null) {
            Map<String, List<String>> multi = new HashMap<>(response.getMultiValueHeaders());
            multi.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Type")
                    || name.equalsIgnoreCase("Content-Length"));
            problem.setMultiValueHeaders(multi);
        }
        problem.setCookies(response.getCookies());
        return problem;
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
        return problem(input, type, type.status().getCode(), detail);
    }

    private APIGatewayV2HTTPResponse problem(APIGatewayV2HTTPEvent input, ProblemType type, int status,
                                             String detail) {
        Problem problem = new Problem(type.uri(), type.title(), status, detail,
                input == null ? null : input.getRawPath(), null);
        String body;
        try {
            body = applicationContext.getBean(JsonMapper.class).writeValueAsString(problem);
        } catch (IOException | RuntimeException e) {
            body = "{\"type\":\"" + ProblemType.INTERNAL.uri() + "\",\"status\":500}";
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", Problem.MEDIA_TYPE))
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
