package io.participants.bench.launcher;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A child JVM standing in for the Lambda Java runtime in front of a DynamoDB Streams function (the change-events
 * publisher): constructs the handler by its no-arg constructor, reads one stream event with the runtime's own
 * serializer, invokes the handler once, and prints {@code RESULT <the batch answer as the runtime writes it>}.
 *
 * <p>Usage: {@code StreamLauncher <handler class> <event file>}. Like {@link LambdaLauncher}, it depends on the JDK and
 * aws-lambda-java-core, -events and -serialization only, so that the rest of the classpath is the function's own.
 */
public final class StreamLauncher {

    private StreamLauncher() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: StreamLauncher <handler class> <event file>");
            Runtime.getRuntime().halt(2);
        }
        try {
            ClassLoader loader = StreamLauncher.class.getClassLoader();
            @SuppressWarnings("unchecked")
            RequestHandler<DynamodbEvent, StreamsEventResponse> handler =
                    (RequestHandler<DynamodbEvent, StreamsEventResponse>) Class.forName(args[0], true, loader)
                            .getConstructor().newInstance();
            DynamodbEvent event;
            try (InputStream in = new FileInputStream(args[1])) {
                event = LambdaEventSerializers.serializerFor(DynamodbEvent.class, loader).fromJson(in);
            }
            StreamsEventResponse response = handler.handleRequest(event,
                    new LambdaLauncher.FakeContext("00000000-0000-4000-8000-0000000057e4", 60_000));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            LambdaEventSerializers.serializerFor(StreamsEventResponse.class, loader).toJson(response, body);
            System.out.println(LambdaLauncher.RESULT + " " + body.toString(StandardCharsets.UTF_8));
            System.out.flush();
            Runtime.getRuntime().halt(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.out.println(LambdaLauncher.RESULT + " error=" + e.getClass().getName());
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }
    }
}
