package io.participants.api.providers;

import java.time.Duration;

/** Waits before a retry; tests pass one that records the wait instead of sleeping. */
@FunctionalInterface
public interface RetryPause {

    /** Sleeps on the calling thread. */
    RetryPause SLEEP = duration -> Thread.sleep(duration.toMillis());

    void pause(Duration duration) throws InterruptedException;
}
