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
     * @param firstCpuMicros the CPU time of the thread that handled the first request, meanwhile: the function's own
     *                       work, without its waits on the stores and stand-ins; -1 if unknown
     * @param warmCpuMicros  the p50 of the same for the warm requests, -1 if unknown
     * @param flushedMicros  a warm request after a full collection and a walk through more memory than the CPU's
     *                       caches hold (its objects moved, nothing of its own cached), -1 if unknown
     * @param flushedCpuMicros that request's CPU time, -1 if unknown
     */
    public record Run(long firstMicros, long warmMicros, long primingMs, int warmRequests, long warmP99Micros,
                      long firstClasses, long firstCompileMs, long firstCpuMicros, long warmCpuMicros,
                      long flushedMicros, long flushedCpuMicros) {

        public Run(long firstMicros, long warmMicros, long primingMs, int warmRequests, long warmP99Micros,
                   long firstClasses, long firstCompileMs) {
            this(firstMicros, warmMicros, primingMs, warmRequests, warmP99Micros, firstClasses, firstCompileMs, -1,
                    -1, -1, -1);
        }
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

    /** The median CPU time of the first request's thread, in ms; -1 if a run did not say. */
    public double firstCpuMs() {
        return runs.stream().anyMatch(r -> r.firstCpuMicros() < 0) ? -1
                : Stats.median(runs.stream().mapToLong(Run::firstCpuMicros).toArray()) / 1e3;
    }

    /** The median of the warm requests' CPU p50, in ms; -1 if a run did not say. */
    public double warmCpuMs() {
        return runs.stream().anyMatch(r -> r.warmCpuMicros() < 0) ? -1
                : Stats.median(runs.stream().mapToLong(Run::warmCpuMicros).toArray()) / 1e3;
    }

    /** The median of the warm requests after a flush, in ms; -1 if a run did not say. */
    public double flushedMs() {
        return runs.stream().anyMatch(r -> r.flushedMicros() < 0) ? -1
                : Stats.median(runs.stream().mapToLong(Run::flushedMicros).toArray()) / 1e3;
    }

    /** The median CPU time of the warm requests after a flush, in ms; -1 if a run did not say. */
    public double flushedCpuMs() {
        return runs.stream().anyMatch(r -> r.flushedCpuMicros() < 0) ? -1
                : Stats.median(runs.stream().mapToLong(Run::flushedCpuMicros).toArray()) / 1e3;
    }

    /** The first request against a warm one. */
    public double ratio() {
        return firstMs() / warmMs();
    }
}
