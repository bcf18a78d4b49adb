package io.participants.api.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Optional;

/**
 * The AWS service and operation behind an SDK exception, which the exception itself does not name: the client's
 * interceptor remembers the last failed call of the thread (clients are synchronous), and the error handler asks for
 * the exception it caught, so a storage failure's one log line says which call failed.
 */
public final class AwsCalls {

    /** One AWS API call, as the SDK names it: {@code S3} and {@code PutObject}, {@code DynamoDb} and {@code Query}. */
    public record Call(String service, String operation) {
    }

    private record Failure(Throwable error, Call call) {
    }

    private static final ThreadLocal<Failure> LAST_FAILURE = new ThreadLocal<>();

    private AwsCalls() {
    }

    /** The call that failed with {@code error} (or with one of its causes) on this thread, if a client saw it fail. */
    public static Optional<Call> failedWith(Throwable error) {
        Failure last = LAST_FAILURE.get();
        if (last == null) {
            return Optional.empty();
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t == last.error()) {
                return Optional.of(last.call());
            }
        }
        return Optional.empty();
    }

    /** Forgets the thread's last failure, at the end of an invocation. */
    public static void clear() {
        LAST_FAILURE.remove();
    }

    /** Remembers each failed call (after its last attempt) with the exception its caller receives. */
    public static final class FailureRecorder implements ExecutionInterceptor {

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            LAST_FAILURE.set(new Failure(context.exception(), new Call(
                    attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))));
        }
    }
}
