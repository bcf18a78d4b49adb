package io.participants.api.priming;

import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.LogCapture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context.BeforeTransmission;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a busy host, the first call through an AWS client can take longer than an attempt's timeout (2 s) although its
 * answer is in memory: the JVM is loading and compiling what the call needs. Priming then still takes the success
 * path, with one request per route, since the timeouts give way to priming's budget while it runs; a real request
 * that is as slow still meets the timeouts it always had.
 */
class PrimingOnABusyHostIntegrationTest {

    /** Longer than an attempt's timeout, and over three attempts longer than a call's (ClientBudgets: 2 s and 5 s). */
    private static final Duration SLOW = Duration.ofMillis(2_300);

    /**
     * Each call takes {@link #SLOW} before it is sent, as CPU work that an interrupt does not cut short (class loading
     * and compiling) would: the attempt goes on, and the SDK then sees whether its timer fired meanwhile.
     */
    static final class SlowCalls implements ExecutionInterceptor {

        final AtomicInteger calls = new AtomicInteger();
        final List<String> operations = new CopyOnWriteArrayList<>();

        @Override
        public void beforeTransmission(BeforeTransmission context, ExecutionAttributes attributes) {
            calls.incrementAndGet();
            operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            long until = System.nanoTime() + SLOW.toNanos();
            boolean interrupted = false;
            for (long left = SLOW.toNanos(); left > 0; left = until - System.nanoTime()) {
                try {
                    Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aSlowFirstCallStillPrimesTheSuccessPathWithOneRequest() {
        SlowCalls slow = new SlowCalls();
        try (ApiHarness api = ApiHarness.start(Map.of(), slow);
             LogCapture log = LogCapture.of(RoutePriming.class)) {

            List<RoutePriming.Primed> primed = new RoutePriming("get-participant", "tenant_id",
                    api.handler()::handleRequest, null).prime();

            assertThat(primed).containsExactly(new RoutePriming.Primed("get-participant", 200));
            // each priming request (the first, then the later rounds' until their time is spent) makes each call of
            // the route once: no attempt cut short and retried
            List<String> perRequest = slow.operations.stream().distinct().toList();
            assertThat(perRequest).isNotEmpty();
            assertThat(slow.operations.size() % perRequest.size()).isZero();
            int requests = slow.operations.size() / perRequest.size();
            for (int request = 0; request < requests; request++) {
                assertThat(slow.operations.subList(request * perRequest.size(), (request + 1) * perRequest.size()))
                        .as("each call of the route once, no attempt cut short and retried")
                        .containsExactlyElementsOf(perRequest);
            }
            assertThat(log.lines()).singleElement().asString()
                    .startsWith("INFO Primed 1 routes with " + requests + " synthetic requests in ");
        }
    }

    @Test
    void aRealRequestAsSlowStillMeetsTheTimeouts() {
        SlowCalls slow = new SlowCalls();
        try (ApiHarness api = ApiHarness.start(Map.of(), slow)) {
            new RoutePriming("get-participant", "tenant_id", api.handler()::handleRequest, null).prime();
            slow.calls.set(0);

            ApiResponse answer = api.request("GET", "/v1/tenants/acme/participants/"
                    + "0b7e3a52-6f1c-4d2e-9a3b-5c8d7e6f4a21").send();

            assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isEqualTo("1");
            assertThat(slow.calls.get()).as("attempts cut short by the attempt and call timeouts").isBetween(2, 3);
        }
    }
}
