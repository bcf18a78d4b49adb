package io.participants.api.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.participants.api.FunctionCatalog;
import io.participants.api.ParticipantsHandler;
import io.micronaut.json.JsonMapper;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The real Lambda handler over a fresh table of DynamoDB Local: tests send API Gateway HTTP API (payload 2.0)
 * events through it exactly as the gateway would, and every response is checked against the OpenAPI document.
 */
public final class ApiHarness implements AutoCloseable {

    private final ApplicationContext context;
    private final ParticipantsHandler handler;
    private final JsonMapper json;
    private final String table;
    /** Whether the avatar store has no object tagging (s3proxy), unlike the deployed one. */
    private final boolean untaggedS3;

    /** The OAuth callback URL the handler advertises unless a test sets another. */
    public static final String REDIRECT_URI = "https://participants.test/v1/oauth/slack/callback";

    private ApiHarness(String table, Map<String, Object> extraProperties, Object... singletons) {
        this.table = table;
        this.untaggedS3 = "false".equals(String.valueOf(extraProperties.get("participants.avatars.tag-uploads")));
        Map<String, Object> properties = new HashMap<>();
        properties.put("participants.table-name", table);
        properties.put("participants.dynamodb.endpoint", LocalDynamo.endpoint());
        properties.put("participants.oauth.redirect-uri", REDIRECT_URI);
        properties.putAll(extraProperties);
        // every client of the handler records the AWS calls of each deployable, for the infra module's role test
        Object[] beans = java.util.Arrays.copyOf(singletons, singletons.length + 1);
        beans[singletons.length] = AwsCallRecorder.INSTANCE;
        // a clock stands in for the services' clock bean only when registered as a Clock, not as its own class
        Object[] others = java.util.Arrays.stream(beans).filter(b -> !(b instanceof java.time.Clock)).toArray();
        this.context = ApplicationContext.builder().properties(properties).singletons(others).build();
        java.util.Arrays.stream(beans).filter(b -> b instanceof java.time.Clock)
                .forEach(clock -> context.registerSingleton(java.time.Clock.class, (java.time.Clock) clock));
        this.handler = new ParticipantsHandler(context);
        this.json = context.getBean(JsonMapper.class);
    }

    /** A harness over a new, empty table. */
    public static ApiHarness start() {
        return new ApiHarness(LocalDynamo.newTable(), Map.of());
    }

    /** A harness serving every route over an existing table, for example to seed it for another harness. */
    public static ApiHarness startOn(String table) {
        return new ApiHarness(table, Map.of());
    }

    /** A harness with extra configuration (for example one function only). */
    public static ApiHarness start(Map<String, Object> properties) {
        return new ApiHarness(LocalDynamo.newTable(), properties);
    }

    /**
     * A harness with extra configuration and beans of its own, such as {@code DownloadGuards} that reach a local
     * stub, or a {@code java.time.Clock} the test moves; a given bean stands in for the one the application would
     * build of the same type.
     */
    public static ApiHarness start(Map<String, Object> properties, Object... singletons) {
        return new ApiHarness(LocalDynamo.newTable(), properties, singletons);
    }

    public String table() {
        return table;
    }

    public ApplicationContext context() {
        return context;
    }

    /** The handler itself, for callers that build their own events and contexts (such as SnapStart priming). */
    public ParticipantsHandler handler() {
        return handler;
    }

    public JsonMapper json() {
        return json;
    }

    /** Sends an event through the handler and checks the answer against the API's contract. */
    public ApiResponse send(APIGatewayV2HTTPEvent event) {
        return send(event, LambdaContexts.invocation());
    }

    /** As {@link #send(APIGatewayV2HTTPEvent)}, in an invocation with the given Lambda context. */
    public ApiResponse send(APIGatewayV2HTTPEvent event, Context lambda) {
        String deployable = deployable(event);
        APIGatewayV2HTTPResponse response = AwsCallRecorder.during(deployable, untaggedS3, () -> {
            APIGatewayV2HTTPResponse answer = handler.handleRequest(event, lambda);
            AwsCallRecorder.presignedLinksIn(answer == null ? null : answer.getBody());
            return answer;
        });
        ApiResponse result = new ApiResponse(response, json);
        OpenApiContract.verify(event, result);
        return result;
    }

    /**
     * Sends an event as Lambda hands it over: its bytes through the handler's stream entry point (the deployed one,
     * see {@code Functions.HANDLER}), the answer read back by the Lambda runtime's own serializer, as a client of the
     * runtime would read it; {@code event} is the same event, parsed, for the contract check.
     */
    public ApiResponse sendAsLambda(byte[] eventJson, APIGatewayV2HTTPEvent event) {
        String deployable = deployable(event);
        APIGatewayV2HTTPResponse response = AwsCallRecorder.during(deployable, untaggedS3, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(eventJson), out, LambdaContexts.invocation());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            APIGatewayV2HTTPResponse answer = LambdaEventSerializers
                    .serializerFor(APIGatewayV2HTTPResponse.class, ApiHarness.class.getClassLoader())
                    .fromJson(new ByteArrayInputStream(out.toByteArray()));
            AwsCallRecorder.presignedLinksIn(answer == null ? null : answer.getBody());
            return answer;
        });
        ApiResponse result = new ApiResponse(response, json);
        OpenApiContract.verify(event, result);
        return result;
    }

    /** The catalog's deployable for the event's route, as API Gateway's router picks it. */
    private static String deployable(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                || event.getRawPath() == null) {
            return null;
        }
        return FunctionCatalog.route(event.getRequestContext().getHttp().getMethod(), event.getRawPath())
                .map(FunctionCatalog.Function::deployable)
                .orElse(null);
    }

    public ApiRequest request(String method, String path) {
        return new ApiRequest(this, method, path);
    }

    public String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
