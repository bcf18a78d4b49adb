package io.participants.bench.launcher;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The child JVM of one cold start, standing in for the Lambda Java runtime: constructs the handler by its no-arg
 * constructor (Lambda's init phase), reads the event with the runtime's own serializer, invokes the handler once,
 * writes the response as the runtime would, prints one {@code RESULT} line and stops the JVM without shutdown hooks,
 * as Lambda freezes or kills an environment rather than exiting it.
 *
 * <p>Usage: {@code LambdaLauncher <handler class> <event file>}. It depends on the JDK, aws-lambda-java-core,
 * -events and -serialization only, so that the classpath of a cold start is the function's own plus this jar.
 */
public final class LambdaLauncher {

    /** The line the parent waits for: {@code RESULT status=200 rssPeakKb=123456 initMs=812 invokeMs=240}. */
    public static final String RESULT = "RESULT";

    private LambdaLauncher() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: LambdaLauncher <handler class> <event file>");
            Runtime.getRuntime().halt(2);
        }
        try {
            long start = System.nanoTime();
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = handler(args[0]);
            long initialized = System.nanoTime();

            ClassLoader loader = LambdaLauncher.class.getClassLoader();
            APIGatewayV2HTTPEvent event;
            try (InputStream in = new FileInputStream(args[1])) {
                event = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, loader).fromJson(in);
            }
            APIGatewayV2HTTPResponse response = handler.handleRequest(event,
                    new FakeContext("00000000-0000-4000-8000-00000000be17", 15_000));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, loader).toJson(response, body);
            long invoked = System.nanoTime();

            System.out.println(RESULT + " status=" + response.getStatusCode() + " rssPeakKb=" + peakRssKb()
                    + " initMs=" + (initialized - start) / 1_000_000 + " invokeMs=" + (invoked - initialized) / 1_000_000
                    + " responseBytes=" + body.size());
            System.out.flush();
            Runtime.getRuntime().halt(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.out.println(RESULT + " status=0 error=" + e.getClass().getName());
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(String className)
            throws ReflectiveOperationException {
        Class<?> type = Class.forName(className, true, LambdaLauncher.class.getClassLoader());
        return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) type.getConstructor().newInstance();
    }

    /** The JVM's peak resident set (VmHWM of /proc/self/status) in KiB, or -1 where there is no such file. */
    public static long peakRssKb() {
        try (InputStream in = new FileInputStream("/proc/self/status")) {
            String status = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            int at = status.indexOf("VmHWM:");
            if (at < 0) {
                return -1;
            }
            int end = status.indexOf('\n', at);
            String value = status.substring(at + "VmHWM:".length(), end < 0 ? status.length() : end).trim();
            return Long.parseLong(value.substring(0, value.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The Context of one invocation, as the runtime gives each invocation one of its own: a request id, the
     * function's name, a deadline, and the runtime's one logger.
     */
    public static final class FakeContext implements Context {

        private static final LambdaLogger LOGGER = new LambdaLogger() {
            @Override
            public void log(String message) {
                System.err.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.err.print(new String(message, StandardCharsets.UTF_8));
            }
        };

        private final String requestId;
        private final long deadline;

        public FakeContext(String requestId, long timeoutMillis) {
            this.requestId = requestId;
            this.deadline = System.currentTimeMillis() + timeoutMillis;
        }

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + getFunctionName();
        }

        @Override
        public String getLogStreamName() {
            return "2026/11/22/[$LATEST]00000000000000000000000000000000";
        }

        @Override
        public String getFunctionName() {
            String name = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
            return name == null ? "bench" : name;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:" + getFunctionName();
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return LOGGER;
        }
    }
}
