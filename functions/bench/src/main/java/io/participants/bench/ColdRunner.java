package io.participants.bench;

import io.participants.bench.launcher.LambdaLauncher;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Cold starts: for each run a fresh JVM with Lambda's flags and the row's environment and classpath, started after
 * the table was put back to the event's starting state, timed from {@link ProcessBuilder#start()} to its RESULT line.
 */
final class ColdRunner {

    /** Lambda's JVM (java17/21 runtimes: C1 only, serial GC, CDS) with a heap sized like a 1024 MB function's. */
    static final List<String> LAMBDA_JVM = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx870m");
    private static final long TIMEOUT_SECONDS = 120;

    /**
     * One row's cold start.
     *
     * @param classpath the child's classpath: the launcher's jars, then the handler's
     * @param reset     puts the world (table and stubs) back to the event's starting state; runs before every start
     */
    record Spec(String row, String handlerClass, List<Path> classpath, Map<String, String> environment,
                EventFile event, Runnable reset) {
    }

    private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private final Path workDir;
    private final List<String> networkOptions;
    private final int runs;

    /** @param networkOptions system properties every child gets to reach the stubs (see {@link ImageHost}) */
    ColdRunner(Path workDir, List<String> networkOptions, int runs) {
        this.workDir = workDir;
        this.networkOptions = List.copyOf(networkOptions);
        this.runs = runs;
    }

    /** A row's runs, or why it has none. */
    record Outcome(ColdResult result, String failure) {
    }

    /**
     * Per row, a start with class loading logged (untimed; it also brings the jars into the page cache and warms
     * DynamoDB Local), then {@code runs} rounds of one timed start per row, so that any drift of the machine's load
     * spreads over every row alike.
     */
    Map<String, Outcome> runAll(List<Spec> specs) {
        Map<String, Long> classes = new LinkedHashMap<>();
        Map<String, List<ColdResult.Run>> timed = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (Spec spec : specs) {
            try {
                classes.put(spec.row(), countClasses(spec));
                timed.put(spec.row(), new ArrayList<>());
                progress(spec.row() + ": " + classes.get(spec.row()) + " classes loaded");
            } catch (BenchFailure e) {
                failures.put(spec.row(), e.getMessage());
                progress("FAILED " + e.getMessage());
            }
        }
        for (int round = 1; round <= runs; round++) {
            for (Spec spec : specs) {
                if (failures.containsKey(spec.row())) {
                    continue;
                }
                try {
                    ColdResult.Run run = start(spec, List.of());
                    timed.get(spec.row()).add(run);
                    progress(String.format("cold %d/%d %s: %.3f s, %d MiB", round, runs, spec.row(),
                            run.wallNanos() / 1e9, run.rssKb() / 1024));
                } catch (BenchFailure e) {
                    failures.put(spec.row(), e.getMessage());
                    progress("FAILED " + e.getMessage());
                }
            }
        }
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Spec spec : specs) {
            String failure = failures.get(spec.row());
            outcomes.put(spec.row(), failure != null ? new Outcome(null, failure)
                    : new Outcome(new ColdResult(spec.event().fileName(), timed.get(spec.row()),
                    classes.get(spec.row())), null));
        }
        return outcomes;
    }

    private static void progress(String line) {
        System.err.println("[bench] " + line);
    }

    private long countClasses(Spec spec) {
        Path log = workDir.resolve(spec.row() + ".classes.log");
        try {
            Files.deleteIfExists(log);
            start(spec, List.of("-Xlog:class+load=info:file=" + log));
            try (Stream<String> lines = Files.lines(log)) {
                return lines.filter(line -> line.contains("[class,load]")).count();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ColdResult.Run start(Spec spec, List<String> extraOptions) {
        spec.reset().run();
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(LAMBDA_JVM);
        command.addAll(networkOptions);
        command.addAll(extraOptions);
        command.add("-cp");
        command.add(spec.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(LambdaLauncher.class.getName());
        command.add(spec.handlerClass());
        command.add(spec.event().path().toAbsolutePath().toString());

        File stderr = workDir.resolve(spec.row() + ".stderr.log").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).directory(spec.environment().containsKey("LAMBDA_TASK_ROOT")
                        ? new File(spec.environment().get("LAMBDA_TASK_ROOT")) : workDir.toFile())
                .redirectError(stderr);
        builder.environment().clear();
        builder.environment().putAll(spec.environment());

        List<String> output = new ArrayList<>();
        String result = null;
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread watchdog = watchdog(process);
        long answered;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(LambdaLauncher.RESULT + " ")) {
                    result = line;
                    break;
                }
                output.add(line);
            }
            answered = System.nanoTime();
            process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            watchdog.interrupt();
            process.destroyForcibly();
        }
        long exited = System.nanoTime();

        Map<String, String> fields = fields(result);
        int expected = spec.event().status();
        if (!String.valueOf(expected).equals(fields.get("status"))) {
            throw new BenchFailure(spec.row() + ": the cold start of " + spec.event().fileName() + " answered "
                    + (result == null ? "nothing" : result) + ", not " + expected + "\n" + tail(output, stderr));
        }
        return new ColdResult.Run(answered - started, exited - started, Long.parseLong(fields.get("rssPeakKb")),
                Long.parseLong(fields.get("initMs")), Long.parseLong(fields.get("invokeMs")));
    }

    /** The {@code key=value} fields of a RESULT line. */
    static Map<String, String> fields(String result) {
        Map<String, String> fields = new HashMap<>();
        if (result != null) {
            for (String part : result.split(" ")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    fields.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
        }
        return fields;
    }

    private static Thread watchdog(Process process) {
        Thread thread = new Thread(() -> {
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                // the start ended in time
            }
        }, "cold-start-watchdog");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String tail(List<String> stdout, File stderr) {
        List<String> lines = new ArrayList<>(stdout);
        try {
            lines.addAll(Files.readAllLines(stderr.toPath()));
        } catch (IOException e) {
            lines.add("(no stderr: " + e.getMessage() + ")");
        }
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
