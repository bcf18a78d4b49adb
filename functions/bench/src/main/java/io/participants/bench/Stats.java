package io.participants.bench;

import java.util.Arrays;

/** The summary figures of the report, over samples in any order. */
public final class Stats {

    private Stats() {
    }

    /** The middle sample, or the mean of the two middle ones for an even count. */
    public static double median(long... samples) {
        long[] sorted = sorted(samples);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /**
     * The nearest-rank percentile: the smallest sample with at least {@code p} percent of the samples at or below
     * it (p50 of 1..100 is 50, p99 is 99; p99 of ten samples is the largest).
     */
    public static long percentile(long[] samples, double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        long[] sorted = sorted(samples);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public static long min(long... samples) {
        return sorted(samples)[0];
    }

    public static long max(long... samples) {
        long[] sorted = sorted(samples);
        return sorted[sorted.length - 1];
    }

    private static long[] sorted(long[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted;
    }
}
