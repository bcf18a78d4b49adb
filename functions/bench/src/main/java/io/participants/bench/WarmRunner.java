package io.participants.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.participants.bench.launcher.LambdaLauncher;

import java.util.List;

/**
 * Warm latency: one handler in this JVM, {@code warmup} requests, then {@code requests} sequential invocations timed
 * one by one with {@link System#nanoTime()}. Every event is read before the loop (with the runtime's serializer), so
 * the loop times {@code handleRequest} only; every answer's status is checked after its timing. Each invocation gets
 * a context of its own, as from the runtime.
 */
final class WarmRunner {

    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, WarmRunner.class.getClassLoader());

    private final int warmup;
    private final int requests;

    WarmRunner(int warmup, int requests) {
        this.warmup = warmup;
        this.requests = requests;
    }

    /** How many events a plan must hold. */
    int eventsNeeded() {
        return warmup + requests;
    }

    WarmResult run(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, WarmRequests.Plan plan,
                   int expectedStatus) {
        if (plan.events().size() != eventsNeeded()) {
            throw new IllegalArgumentException("the plan holds " + plan.events().size() + " events, not "
                    + eventsNeeded());
        }
        List<APIGatewayV2HTTPEvent> events = plan.events().stream().map(EVENTS::fromJson).toList();
        int unexpected = 0;
        String example = null;
        for (int i = 0; i < warmup; i++) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(events.get(i), context(i));
            if (response.getStatusCode() != expectedStatus) {
                unexpected++;
                example = example == null ? describe(response) : example;
            }
        }
        System.gc();
        long[] nanos = new long[requests];
        long loopStart = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            APIGatewayV2HTTPEvent event = events.get(warmup + i);
            LambdaLauncher.FakeContext context = context(warmup + i);
            long start = System.nanoTime();
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
            nanos[i] = System.nanoTime() - start;
            if (response.getStatusCode() != expectedStatus) {
                unexpected++;
                example = example == null ? describe(response) : example;
            }
        }
        long total = System.nanoTime() - loopStart;
        return WarmResult.of(plan.description(), nanos, total, unexpected, example);
    }

    /** A context of its own per invocation, as the runtime gives one. */
    private static LambdaLauncher.FakeContext context(int invocation) {
        return new LambdaLauncher.FakeContext(String.format("00000000-0000-4000-8000-%012d", invocation), 15_000);
    }

    private static String describe(APIGatewayV2HTTPResponse response) {
        String body = response.getBody() == null ? "" : response.getBody();
        return response.getStatusCode() + " " + body.substring(0, Math.min(body.length(), 300));
    }
}
