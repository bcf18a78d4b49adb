package io.participants.api.config;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.participants.api.testing.ApiHarness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Found by the hostile-requests fuzz test, whose requests got slower one by one: every invocation registered its
 * Lambda context as one more singleton, so a warm container kept growing and resolved beans ever more slowly.
 */
class NoLambdaContextBeansIntegrationTest {

    @Test
    void anInvocationLeavesNoBeanBehind() {
        try (ApiHarness api = ApiHarness.start()) {
            for (int i = 0; i < 50; i++) {
                assertThat(api.request("GET", "/v1/tenants/acme/participants").send().status()).isEqualTo(200);
            }

            assertThat(api.context().getBeansOfType(Context.class)).isEmpty();
            assertThat(api.context().getBeansOfType(LambdaLogger.class)).isEmpty();
        }
    }
}
