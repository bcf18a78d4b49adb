package io.participants.api.aws;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context.BeforeTransmission;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The time the current invocation has left, as Lambda's context tells it, so that no AWS call attempt (first or
 * retry) starts when the function could not finish it and still answer: the caller gets a 503 problem instead of a
 * function timeout, which API Gateway would turn into a bare 503 with nothing logged about why.
 */
public final class InvocationDeadline {

    /** Kept back for the answer itself: mapping the failure, serializing the problem, logging. */
    static final long RESERVE_MILLIS = 300;

    private static final ThreadLocal<Long> DEADLINE_NANOS = new ThreadLocal<>();

    private InvocationDeadline() {
    }

    /** Starts the invocation's clock from the context's remaining time (none without a context). */
    public static void start(Context context) {
        if (context == null || context.getRemainingTimeInMillis() <= 0) {
            DEADLINE_NANOS.remove();
            return;
        }
        long usable = context.getRemainingTimeInMillis() - RESERVE_MILLIS;
        DEADLINE_NANOS.set(System.nanoTime() + usable * 1_000_000);
    }

    public static void clear() {
        DEADLINE_NANOS.remove();
    }

    /** Milliseconds left before the reserve, or {@link Long#MAX_VALUE} outside an invocation. */
    public static long remainingMillis() {
        Long deadline = DEADLINE_NANOS.get();
        return deadline == null ? Long.MAX_VALUE : (deadline - System.nanoTime()) / 1_000_000;
    }

    /** Refuses an attempt (the first or a retry) once the invocation has no time left for it. */
    public static final class Guard implements ExecutionInterceptor {

        @Override
        public void beforeTransmission(BeforeTransmission context, ExecutionAttributes attributes) {
            if (remainingMillis() <= 0) {
                throw new OutOfTimeException();
            }
        }
    }

    /** No time was left for another attempt; not retryable, since waiting only makes it worse. */
    public static final class OutOfTimeException extends SdkClientException {

        private static final long serialVersionUID = 1L;

        OutOfTimeException() {
            super(SdkClientException.builder().message("no time left in this invocation for another attempt"));
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }
}
