package io.participants.api.faults;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fails chosen AWS operations at the client, before their request leaves, the way a throttled or unavailable
 * service answers; every attempt of a chosen operation is counted, failed or not.
 */
public final class FaultInjector implements ExecutionInterceptor {

    /** An AWS error answer: its HTTP status and error code. */
    public enum Fault {
        THROTTLED(400, "ProvisionedThroughputExceededException"),
        UNAVAILABLE(503, "ServiceUnavailable"),
        INTERNAL_ERROR(500, "InternalServerError");

        final int status;
        final String code;

        Fault(int status, String code) {
            this.status = status;
            this.code = code;
        }
    }

    private final String service;
    private final Set<String> operations;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile int status = Fault.THROTTLED.status;
    private volatile String code = Fault.THROTTLED.code;
    private volatile long latencyMillis;

    public FaultInjector(String service, Set<String> operations) {
        this.service = service;
        this.operations = operations;
    }

    /** The next {@code times} attempts of the chosen operations fail with {@code kind}. */
    public void fail(Fault kind, int times) {
        fail(kind.status, kind.code, times);
    }

    /** The next {@code times} attempts of the chosen operations fail with this AWS error (status and code). */
    void fail(int errorStatus, String errorCode, int times) {
        status = errorStatus;
        code = errorCode;
        latencyMillis = 0;
        attempts.set(0);
        failuresLeft.set(times);
    }

    /** As {@link #fail(Fault, int)}, each failure answered only after {@code latency}, as a struggling service does. */
    void failSlowly(Fault kind, int times, Duration latency) {
        fail(kind, times);
        latencyMillis = latency.toMillis();
    }

    public void heal() {
        failuresLeft.set(0);
        latencyMillis = 0;
        attempts.set(0);
    }

    public int attempts() {
        return attempts.get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (!service.equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))
                || !operations.contains(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            return;
        }
        attempts.incrementAndGet();
        if (failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0) {
            pause(latencyMillis);
            String errorCode = code;
            throw AwsServiceException.builder()
                    .statusCode(status)
                    .message("injected " + errorCode)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode(errorCode).serviceName(service).build())
                    .build();
        }
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
