package io.participants.bench;

import io.participants.api.FunctionCatalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What to run: {@code [--runs 5] [--requests 10000] [--warmup 2000] [--only d1,d2] [--case NAME] [--skip-warm]
 * [--skip-cold] [--aot] [--against zip] [--profile] [--after-priming]}. The baseline always runs: every ratio is
 * against it.
 *
 * @param only         the deployables to measure, in catalog order (all of them unless {@code --only}; for
 *                     {@code --profile}, {@link #PROFILED} unless {@code --only})
 * @param eventCase    the case of the events to measure the deployables with, such as {@code idempotency-key} for
 *                     {@code create-participant.201.idempotency-key.json}, where one exists; null: the plain event
 * @param aot          cold starts also with a JDK AOT cache per row, made by a training run of its own
 * @param profile      instead of cold and warm figures: where the time of a cold start goes
 * @param afterPriming instead of cold and warm figures: the first request after the SnapStart hooks, and warm ones,
 *                     in one JVM per run, with C1 only and with the JVM's default tiering
 * @param against      another Lambda zip (a build before a change) whose cold starts (or, with --after-priming, first
 *                     requests after priming) run in the same rounds, as rows
 *                     of their own; null for none
 */
public record BenchOptions(int runs, int requests, int warmup, List<String> only, String eventCase,
                           boolean skipWarm, boolean skipCold, boolean aot, boolean profile, boolean afterPriming,
                           Path against) {

    public static final int MIN_RUNS = 5;
    public static final int MIN_REQUESTS = 10_000;
    /** The deployables {@code --profile} looks at unless told: the plainest read, and the one that does the most. */
    public static final List<String> PROFILED = List.of("get-participant", "sync-participant-avatar");

    public static final String USAGE = "usage: ./bench [--runs N>=" + MIN_RUNS + "] [--requests N>=" + MIN_REQUESTS
            + "] [--warmup N] [--only <deployable>[,...]] [--case <event case>] [--skip-warm] [--skip-cold] [--aot]"
            + " [--against <zip>]\n"
            + "       ./bench --profile [--only <deployable>[,...]]\n"
            + "       ./bench --after-priming [--runs N] [--only <deployable>[,...]] [--against <zip>]";

    public BenchOptions {
        if (runs < MIN_RUNS) {
            throw new IllegalArgumentException("--runs must be at least " + MIN_RUNS + ": a median of fewer runs is noise");
        }
        if (requests < MIN_REQUESTS) {
            throw new IllegalArgumentException("--requests must be at least " + MIN_REQUESTS
                    + ": fewer puts the p99 on a handful of samples");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must not be negative");
        }
        if (profile && (aot || afterPriming) || aot && afterPriming) {
            throw new IllegalArgumentException("--profile and --after-priming each run alone, and --aot goes with"
                    + " the cold starts only");
        }
        if (against != null && (profile || skipCold && !afterPriming)) {
            throw new IllegalArgumentException("--against compares cold starts or the first request after priming:"
                    + " it needs one of them");
        }
        if (aot && skipCold) {
            throw new IllegalArgumentException("--aot adds to the cold starts: it cannot go with --skip-cold");
        }
        if (skipWarm && skipCold && !profile && !afterPriming) {
            throw new IllegalArgumentException("--skip-warm and --skip-cold together leave nothing to measure");
        }
        only = List.copyOf(only);
    }

    /** Whether the cold and warm phases run (neither does with {@code --profile} or {@code --after-priming}). */
    public boolean coldPhase() {
        return !skipCold && !profile && !afterPriming;
    }

    public boolean warmPhase() {
        return !skipWarm && !profile && !afterPriming;
    }

    public static BenchOptions parse(String... args) {
        int runs = MIN_RUNS;
        int requests = MIN_REQUESTS;
        int warmup = 2_000;
        List<String> only = null;
        String eventCase = null;
        boolean skipWarm = false;
        boolean skipCold = false;
        boolean aot = false;
        boolean profile = false;
        boolean afterPriming = false;
        Path against = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--runs" -> runs = number(option, value(args, ++i, option));
                case "--requests" -> requests = number(option, value(args, ++i, option));
                case "--warmup" -> warmup = number(option, value(args, ++i, option));
                case "--only" -> only = deployables(value(args, ++i, option));
                case "--case" -> eventCase = value(args, ++i, option);
                case "--skip-warm" -> skipWarm = true;
                case "--skip-cold" -> skipCold = true;
                case "--aot" -> aot = true;
                case "--profile" -> profile = true;
                case "--after-priming" -> afterPriming = true;
                case "--against" -> against = Path.of(value(args, ++i, option)).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (only == null) {
            only = profile ? PROFILED : FunctionCatalog.deployables();
        }
        return new BenchOptions(runs, requests, warmup, only, eventCase, skipWarm, skipCold, aot, profile,
                afterPriming, against);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not " + value);
        }
    }

    /** The named deployables, in catalog order; an unknown name is an error that lists the known ones. */
    private static List<String> deployables(String list) {
        List<String> named = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<String> known = FunctionCatalog.deployables();
        List<String> unknown = new ArrayList<>(named);
        unknown.removeAll(known);
        if (named.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException("--only takes deployables of " + known + "; unknown: " + unknown);
        }
        return known.stream().filter(named::contains).toList();
    }
}
