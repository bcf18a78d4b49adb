package io.participants.bench;

import io.participants.api.FunctionCatalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What to run: {@code [--runs 5] [--requests 10000] [--warmup 2000] [--only d1,d2] [--case NAME] [--skip-warm]
 * [--skip-cold]}. The baseline always runs: every ratio is against it.
 *
 * @param only      the deployables to measure, in catalog order (all of them unless {@code --only})
 * @param eventCase the case of the events to measure the deployables with, such as {@code idempotency-key} for
 *                  {@code create-participant.201.idempotency-key.json}, where one exists; null: the plain event
 */
public record BenchOptions(int runs, int requests, int warmup, List<String> only, String eventCase,
                           boolean skipWarm, boolean skipCold) {

    public static final int MIN_RUNS = 5;
    public static final int MIN_REQUESTS = 10_000;

    public static final String USAGE = "usage: ./bench [--runs N>=" + MIN_RUNS + "] [--requests N>=" + MIN_REQUESTS
            + "] [--warmup N] [--only <deployable>[,...]] [--case <event case>] [--skip-warm] [--skip-cold]";

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
        if (skipWarm && skipCold) {
            throw new IllegalArgumentException("--skip-warm and --skip-cold together leave nothing to measure");
        }
        only = List.copyOf(only);
    }

    public static BenchOptions parse(String... args) {
        int runs = MIN_RUNS;
        int requests = MIN_REQUESTS;
        int warmup = 2_000;
        List<String> only = FunctionCatalog.deployables();
        String eventCase = null;
        boolean skipWarm = false;
        boolean skipCold = false;
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
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new BenchOptions(runs, requests, warmup, only, eventCase, skipWarm, skipCold);
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
