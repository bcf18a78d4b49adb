package io.participants.bench;

import java.util.Arrays;

/**
 * Sequential invocations of one in-process handler after a warm-up.
 *
 * @param request    what was sent (one event, or how each request was made fresh)
 * @param firstP50Nanos the p50 of the first {@value #DRIFT_WINDOW} timed requests
 * @param lastP50Nanos  the p50 of the last {@value #DRIFT_WINDOW}: a handler that slows down as it serves shows here
 * @param unexpected invocations, warm-up included, that did not answer the expected status; the row fails if any
 * @param example    the first unexpected answer, for the failure message
 */
public record WarmResult(String request, int requests, long p50Nanos, long p99Nanos, double perSecond,
                         long firstP50Nanos, long lastP50Nanos, int unexpected, String example) {

    public static final int DRIFT_WINDOW = 1_000;

    public static WarmResult of(String request, long[] nanos, long totalNanos, int unexpected, String example) {
        int window = Math.min(DRIFT_WINDOW, nanos.length);
        return new WarmResult(request, nanos.length, Stats.percentile(nanos, 50), Stats.percentile(nanos, 99),
                nanos.length / (totalNanos / 1e9),
                Stats.percentile(Arrays.copyOfRange(nanos, 0, window), 50),
                Stats.percentile(Arrays.copyOfRange(nanos, nanos.length - window, nanos.length), 50),
                unexpected, example);
    }

    public boolean failed() {
        return unexpected > 0;
    }

    public double p50Ms() {
        return p50Nanos / 1e6;
    }

    public double p99Ms() {
        return p99Nanos / 1e6;
    }

    public double firstP50Ms() {
        return firstP50Nanos / 1e6;
    }

    public double lastP50Ms() {
        return lastP50Nanos / 1e6;
    }
}
