package io.participants.bench;

import java.util.List;

/**
 * What SnapStart leaves of a cold start, for one row and one JIT setting: per run (a JVM of its own), the first real
 * request after the checkpoint hooks ran, and the p50 of the warm requests that followed it in the same JVM.
 *
 * @param jit    which JIT setting the runs had
 * @param logged whether every run's priming wrote its log line (the sign in CloudWatch that priming ran)
 */
public record PrimedResult(String jit, List<Run> runs, boolean logged) {

    /**
     * One JVM.
     *
     * @param firstMicros the first request after the hooks (the invocation, response writing included)
     * @param warmMicros  the p50 of the warm requests after it
     * @param primingMs   the checkpoint hooks' run (priming), 0 for a handler without hooks
     * @param warmP99Micros the p99 of the same warm requests
     * @param firstClasses   the classes the first request loaded (what priming left for it to load), -1 if unknown
     * @param firstCompileMs the JIT's compilation time while the first request ran, -1 if unknown
     */
    public record Run(long firstMicros, long warmMicros, long primingMs, int warmRequests, long warmP99Micros,
                      long firstClasses, long firstCompileMs) {
    }

    public PrimedResult {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
    }

    public double firstMs() {
        return Stats.median(runs.stream().mapToLong(Run::firstMicros).toArray()) / 1e3;
    }

    public double warmMs() {
        return Stats.median(runs.stream().mapToLong(Run::warmMicros).toArray()) / 1e3;
    }

    public double warmP99Ms() {
        return Stats.median(runs.stream().mapToLong(Run::warmP99Micros).toArray()) / 1e3;
    }

    public double primingMs() {
        return Stats.median(runs.stream().mapToLong(Run::primingMs).toArray());
    }

    /** The median number of classes the first request loaded; -1 if a run did not say. */
    public long firstClasses() {
        return runs.stream().anyMatch(r -> r.firstClasses() < 0) ? -1
                : Math.round(Stats.median(runs.stream().mapToLong(Run::firstClasses).toArray()));
    }

    /** The median compilation time of the JIT while the first request ran; -1 if a run did not say. */
    public long firstCompileMs() {
        return runs.stream().anyMatch(r -> r.firstCompileMs() < 0) ? -1
                : Math.round(Stats.median(runs.stream().mapToLong(Run::firstCompileMs).toArray()));
    }

    /** The first request against a warm one. */
    public double ratio() {
        return firstMs() / warmMs();
    }
}
