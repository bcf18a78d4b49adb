package io.participants.api.priming;

import io.participants.api.testing.ApiHarness;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context.AfterUnmarshalling;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Priming's request of a route makes the calls a user's request of that route makes, answered as they would be with
 * data: what a call leaves unanswered (an empty page) or a request leaves out (a PATCH that changes nothing stored in
 * other items) would first run on a user's request after the restore.
 */
class PrimingTakesTheWritePathsIntegrationTest {

    /** Each call's operation, and for a query how many items its answer held. */
    static final class Calls implements ExecutionInterceptor {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void afterUnmarshalling(AfterUnmarshalling context, ExecutionAttributes attributes) {
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            calls.add(context.response() instanceof QueryResponse query
                    ? operation + " of " + query.count() : operation);
        }
    }

    private static List<String> primedCalls(String deployable) {
        Calls calls = new Calls();
        try (ApiHarness api = ApiHarness.start(Map.of(), calls)) {
            List<RoutePriming.Primed> primed = new RoutePriming(deployable, "tenant_id",
                    api.handler()::handleRequest, null).prime();

            assertThat(primed).extracting(RoutePriming.Primed::status).containsOnly(200);
        }
        return calls.calls;
    }

    @Test
    void theListRoutesQueryFindsTheCannedParticipantSoItsPageIsMapped() {
        assertThat(primedCalls("list-participants")).contains("Query of 1").doesNotContain("Query of 0");
    }

    @Test
    void theUpdateRoutesPatchChangesTheBindingsSoItsWriteIsTheTransactionAUsersIs() {
        assertThat(primedCalls("update-participant")).contains("TransactWriteItems").doesNotContain("PutItem");
    }
}
