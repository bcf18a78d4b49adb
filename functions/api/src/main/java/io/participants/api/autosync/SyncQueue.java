package io.participants.api.autosync;

import java.time.Duration;
import java.util.List;

/** Port: the queue between the sweep (and the change rule) and the worker: SQS deployed, memory in local mode. */
public interface SyncQueue {

    /** One request and how long the queue keeps it out of sight first (at most 15 minutes, as SQS allows). */
    record Delayed(SyncRequest request, Duration delay) {
    }

    /**
     * Sends {@code requests} in order.
     *
     * @return how many were sent; the rest stay due and a later sweep finds them again
     */
    int send(List<Delayed> requests);

    /**
     * Keeps a received message out of sight for {@code delay} (SQS: its visibility timeout), so that it comes back
     * then instead of after the queue's own timeout: a rate limit's {@code Retry-After}, or another worker's lease.
     */
    void delay(String receiptHandle, Duration delay);
}
