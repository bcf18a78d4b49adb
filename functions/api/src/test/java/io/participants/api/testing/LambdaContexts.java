package io.participants.api.testing;

import com.amazonaws.services.lambda.runtime.Context;
import io.participants.api.aws.InvocationDeadline;

import java.lang.reflect.Proxy;
import java.util.UUID;
import java.util.function.Supplier;

/** Lambda contexts for tests: a fresh request id, and the time a function configured with 10 s would have left. */
public final class LambdaContexts {

    private static final int REMAINING_MILLIS = 10_000;
    private static final int MEMORY_MB = 1024;

    private LambdaContexts() {
    }

    /** A context of a new invocation, as the Lambda runtime passes it. */
    public static Context invocation() {
        return invocation(REMAINING_MILLIS);
    }

    /**
     * Runs {@code work} on this thread as an invocation with {@code remainingMillis} left runs it: with the
     * deadline ({@link InvocationDeadline}) that bounds its AWS and provider calls.
     */
    public static <T> T withTimeLeft(int remainingMillis, Supplier<T> work) {
        InvocationDeadline.start(invocation(remainingMillis));
        try {
            return work.get();
        } finally {
            InvocationDeadline.clear();
        }
    }

    /** A context of an invocation that has {@code remainingMillis} left. */
    public static Context invocation(int remainingMillis) {
        String requestId = UUID.randomUUID().toString();
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> requestId;
                    case "getRemainingTimeInMillis" -> remainingMillis;
                    case "getMemoryLimitInMB" -> MEMORY_MB;
                    case "getFunctionName" -> "participants-test";
                    case "toString" -> "LambdaContext[" + requestId + "]";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
