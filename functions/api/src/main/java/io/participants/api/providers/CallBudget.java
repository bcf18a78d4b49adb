package io.participants.api.providers;

import io.participants.api.aws.InvocationDeadline;
import io.participants.domain.avatar.ProviderFailure;
import io.participants.domain.avatar.ProviderFailure.Reason;

import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * How long one call to a provider or its image host may take: its own limit, cut to what the invocation has left
 * ({@link InvocationDeadline}), so that a slow provider ends as a problem the function still has time to answer with
 * rather than as a Lambda timeout. Outside an invocation (local mode, tests without a context) the limit stands.
 *
 * @param time the deadline for the whole response
 * @param cut  whether the invocation's remaining time, not the limit, set it
 */
record CallBudget(Duration time, boolean cut) {

    /** Less than this left is no time to open a connection and read an answer: the call is not started. */
    static final long MIN_MILLIS = 100;

    /**
     * @throws ProviderFailure {@link Reason#OUT_OF_TIME} when the invocation has too little time left for a call
     */
    static CallBudget of(Duration limit) {
        long left = InvocationDeadline.remainingMillis();
        if (left < MIN_MILLIS) {
            throw outOfTime();
        }
        return left < limit.toMillis() ? new CallBudget(Duration.ofMillis(left), true) : new CallBudget(limit, false);
    }

    /** Whether a wait of {@code pause}, then a call, fits in what the invocation has left. */
    static boolean fits(Duration pause) {
        return InvocationDeadline.remainingMillis() - pause.toMillis() >= MIN_MILLIS;
    }

    /** The failure of a call that ran out of time: the invocation's if it cut the budget, else {@code providers}. */
    ProviderFailure timedOut(ProviderFailure providers) {
        return cut ? outOfTime() : providers;
    }

    /**
     * The failure of a call that failed with {@code cause}: out of time if it was the HTTP client's timeout of a
     * budget the invocation cut, else {@code providers}.
     */
    ProviderFailure timedOut(Throwable cause, ProviderFailure providers) {
        return cause instanceof HttpTimeoutException ? timedOut(providers) : providers;
    }

    static ProviderFailure outOfTime() {
        return new ProviderFailure(Reason.OUT_OF_TIME,
                "The request had too little time left to wait for the provider; retry");
    }
}
