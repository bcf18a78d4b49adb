package io.participants.api.aws;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.time.Duration;
import java.util.List;

/**
 * How long an AWS call may take, in one place for DynamoDB, S3 and Secrets Manager: at most {@value #MAX_ATTEMPTS}
 * attempts with the SDK's standard retry strategy (exponential backoff with full jitter, throttling included), each
 * attempt at most {@link #ATTEMPT}, the whole call at most {@link #CALL}, and never an attempt past the invocation's
 * own deadline ({@link InvocationDeadline}). The timeouts' timers are {@link CallTimers}: while SnapStart priming answers
 * the calls in memory, they give way to priming's own budget.
 */
public final class ClientBudgets {

    static final int MAX_ATTEMPTS = 3;
    static final Duration ATTEMPT = Duration.ofSeconds(2);
    static final Duration CALL = Duration.ofSeconds(5);

    private ClientBudgets() {
    }

    /**
     * The override configuration of every client; {@code extra} interceptors come after the deadline guard and the
     * recorder that names failed calls for the log ({@link AwsCalls}).
     */
    public static ClientOverrideConfiguration overrides(List<ExecutionInterceptor> extra) {
        ClientOverrideConfiguration.Builder builder = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
                .apiCallAttemptTimeout(ATTEMPT)
                .apiCallTimeout(CALL)
                .scheduledExecutorService(CallTimers.SHARED)
                .addExecutionInterceptor(new InvocationDeadline.Guard())
                .addExecutionInterceptor(new AwsCalls.FailureRecorder());
        extra.forEach(builder::addExecutionInterceptor);
        return builder.build();
    }
}
