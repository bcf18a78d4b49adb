package io.participants.api.priming;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.participants.api.testing.LogCapture;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The SnapStart hook's own contract: it stays reachable until the snapshot, and it says in one line that it ran. */
class RoutePrimingTest {

    @Test
    void aRegisteredPrimingIsHeldStronglyThoughOrgCracHoldsItWeakly() {
        RoutePriming priming = new RoutePriming("get-participant", "tenant_id",
                (event, context) -> APIGatewayV2HTTPResponse.builder().withStatusCode(404).build());

        assertThat(priming.registered()).isFalse();
        assertThat(priming.register()).isSameAs(priming);
        assertThat(priming.registered()).isTrue();
    }

    @Test
    void primingWritesOneLineThatNamesWhatFailed() {
        AtomicInteger requests = new AtomicInteger();
        RoutePriming priming = new RoutePriming("participant-state", "tenant_id", (event, context) -> {
            if (requests.incrementAndGet() == 1) {
                throw new IllegalStateException("no table");
            }
            return APIGatewayV2HTTPResponse.builder().withStatusCode(404).build();
        });

        try (LogCapture log = LogCapture.of(RoutePriming.class)) {
            priming.beforeCheckpoint(null);

            assertThat(requests).hasValue(3);
            assertThat(log.lines()).singleElement().asString()
                    .startsWith("WARN Primed 3 routes with 3 synthetic requests in ")
                    .contains("ms and 0 loopback exchanges: [Primed[function=enable-participant, status=404], "
                            + "Primed[function=rotate-participant-webhooks, status=404]]")
                    .endsWith("failed: [disable-participant (IllegalStateException)]");
        }
    }

    @Test
    void aRouteThatDoesNotSucceedIsSentOnlyOnce() {
        AtomicInteger requests = new AtomicInteger();
        RoutePriming priming = new RoutePriming("get-participant", "tenant_id", (event, context) -> {
            requests.incrementAndGet();
            return APIGatewayV2HTTPResponse.builder().withStatusCode(503).build();
        });

        try (LogCapture log = LogCapture.of(RoutePriming.class)) {
            assertThat(priming.prime()).extracting(RoutePriming.Primed::status).containsExactly(503);

            assertThat(requests).hasValue(1);
            assertThat(log.lines()).singleElement().asString()
                    .startsWith("INFO Primed 1 routes with 1 synthetic requests in ");
        }
    }

    @Test
    void aRouteThatSucceedsIsSentInEveryRoundAndTheRoundsStopAtTheFirstFailure() {
        AtomicInteger requests = new AtomicInteger();
        RoutePriming priming = new RoutePriming("get-participant", "tenant_id", (event, context) -> {
            requests.incrementAndGet();
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).build();
        });
        AtomicInteger untilFailure = new AtomicInteger();
        RoutePriming failing = new RoutePriming("get-participant", "tenant_id", (event, context) -> {
            if (untilFailure.incrementAndGet() == 7) {
                throw new IllegalStateException("a canned answer missing");
            }
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).build();
        });

        try (LogCapture log = LogCapture.of(RoutePriming.class)) {
            assertThat(priming.prime()).extracting(RoutePriming.Primed::status).containsExactly(200);
            assertThat(failing.prime()).extracting(RoutePriming.Primed::status).containsExactly(200);

            assertThat(requests).hasValue(RoutePriming.ROUNDS);
            assertThat(untilFailure).hasValue(7);
            // a later round's failure is not priming's: its first round succeeded, and that is what the line says
            assertThat(log.lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("INFO Primed 1 routes"));
            assertThat(log.lines().get(1)).contains(" with 7 synthetic requests in ");
        }
    }

    @Test
    void theLineCountsTheLoopbackExchangesOfTheKindsOfClientTheRequestsUsed() {
        RoutePriming priming = new RoutePriming("get-participant", "tenant_id", (event, context) -> {
            CannedSdkHttpClient.ANSWERED.incrementAndGet(); // as an AWS call answered in-process
            CannedHttpClient.ANSWERED.incrementAndGet(); // as a provider's
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).build();
        });

        try (LogCapture log = LogCapture.of(RoutePriming.class)) {
            priming.prime();

            assertThat(log.lines()).singleElement().asString()
                    .startsWith("INFO Primed 1 routes with 100 synthetic requests in ")
                    .contains(" ms and 7 loopback exchanges: [Primed[function=get-participant, status=200]]");
        }
    }

    @Test
    void aFailingLoopbackExchangeFailsNeitherPrimingNorItsRequests() {
        RoutePriming priming = new RoutePriming("get-participant", "tenant_id", (event, context) -> {
            CannedSdkHttpClient.ANSWERED.incrementAndGet();
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).build();
        }, null, new LoopbackExchange("no-such-key-store.p12"));

        try (LogCapture log = LogCapture.of(RoutePriming.class)) {
            assertThat(priming.prime()).extracting(RoutePriming.Primed::status).containsExactly(200);

            assertThat(log.lines()).singleElement().asString()
                    .startsWith("WARN Primed 1 routes with 100 synthetic requests in ")
                    .contains(" ms and 0 loopback exchanges (loopback stopped: IOException: no key store"
                            + " no-such-key-store.p12): [Primed[function=get-participant, status=200]]")
                    .endsWith("failed: []");
        }
        assertThat(Priming.active()).isFalse();
    }

    @Test
    void aRequestGetsWhatIsLeftOfPrimingsBudgetAsItsRemainingTime() {
        AtomicInteger remaining = new AtomicInteger();
        RoutePriming priming = new RoutePriming("get-participant", "tenant_id", (event, context) -> {
            remaining.set(context.getRemainingTimeInMillis());
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).build();
        });

        priming.prime();

        assertThat((long) remaining.get()).isBetween(Priming.BUDGET.toMillis() - 5_000, Priming.BUDGET.toMillis());
        assertThat(Priming.remainingMillis()).as("outside priming").isZero();
    }
}
