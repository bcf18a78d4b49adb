package io.participants.bench;

import java.util.List;

/**
 * The cold starts of one row: each a fresh JVM that ran the handler's init and one invocation of {@code event}.
 *
 * @param classes classes the JVM loaded on an extra, untimed start with class loading logged
 */
public record ColdResult(String event, List<Run> runs, long classes) {

    /**
     * One start.
     *
     * @param wallNanos from starting the process to reading its RESULT line
     * @param exitNanos from starting the process to its exit
     * @param rssKb     the child's peak resident set (VmHWM) when it answered
     * @param initMs    the handler's construction, as the child timed it
     * @param invokeMs  reading the event, the invocation and writing the response, as the child timed it
     * @param bootNanos from starting the process to the launcher's {@code main}: the JVM's own start
     * @param cpuMs     the child's CPU time (all threads) when it answered
     */
    public record Run(long wallNanos, long exitNanos, long rssKb, long initMs, long invokeMs, long bootNanos,
                      long cpuMs) {
    }

    public ColdResult {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
    }

    public double medianSeconds() {
        return Stats.median(runs.stream().mapToLong(Run::wallNanos).toArray()) / 1e9;
    }

    public double minSeconds() {
        return Stats.min(runs.stream().mapToLong(Run::wallNanos).toArray()) / 1e9;
    }

    public double maxSeconds() {
        return Stats.max(runs.stream().mapToLong(Run::wallNanos).toArray()) / 1e9;
    }

    public double medianExitSeconds() {
        return Stats.median(runs.stream().mapToLong(Run::exitNanos).toArray()) / 1e9;
    }

    public double medianRssMiB() {
        return Stats.median(runs.stream().mapToLong(Run::rssKb).toArray()) / 1024.0;
    }

    public double medianInitMs() {
        return Stats.median(runs.stream().mapToLong(Run::initMs).toArray());
    }

    public double medianCpuSeconds() {
        return Stats.median(runs.stream().mapToLong(Run::cpuMs).toArray()) / 1e3;
    }

    public double medianBootMs() {
        return Stats.median(runs.stream().mapToLong(Run::bootNanos).toArray()) / 1e6;
    }

    public double medianInvokeMs() {
        return Stats.median(runs.stream().mapToLong(Run::invokeMs).toArray());
    }
}
