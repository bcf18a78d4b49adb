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
import java.util.Locale;
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
     * More options for every child, from the system property {@code bench.child-options} (space-separated): for
     * looking into a run by hand, such as a JFR recording of the after-priming starts. The report names them.
     */
    static final List<String> CHILD_OPTIONS = List.of(System.getProperty("bench.child-options", "").trim().split("\\s+"))
            .stream().filter(o -> !o.isEmpty()).toList();

    /**
     * One row's cold start.
     *
     * @param classpath  the child's classpath: the launcher's jars, then the handler's
     * @param reset      puts the world (table and stubs) back to the event's starting state; runs before every start
     * @param jvmOptions options of every timed start (after Lambda's)
     * @param training   options of a training run before the timed ones (a JDK AOT cache's output), none if empty
     */
    record Spec(String row, String handlerClass, List<Path> classpath, Map<String, String> environment,
                EventFile event, Runnable reset, List<String> jvmOptions, List<String> training) {

        Spec(String row, String handlerClass, List<Path> classpath, Map<String, String> environment,
             EventFile event, Runnable reset) {
            this(row, handlerClass, classpath, environment, event, reset, List.of(), List.of());
        }

        /** The same row started with other options, under another name. */
        Spec variant(String name, List<String> options, List<String> trainingOptions) {
            return new Spec(name, handlerClass, classpath, environment, event, reset, options, trainingOptions);
        }
    }

    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
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
                if (!spec.training().isEmpty()) {
                    Child trained = start(spec, LambdaLauncher.Mode.TRAIN, spec.training(), spec.event().path());
                    progress(spec.row() + ": trained (" + trained.result() + ")");
                }
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
                    ColdResult.Run run = run(start(spec, LambdaLauncher.Mode.COLD, spec.jvmOptions(),
                            spec.event().path()), spec);
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
            List<String> options = new ArrayList<>(spec.jvmOptions());
            options.add("-Xlog:class+load=info:file=" + log);
            run(start(spec, LambdaLauncher.Mode.COLD, options, spec.event().path()), spec);
            try (Stream<String> lines = Files.lines(log)) {
                return lines.filter(line -> line.contains("[class,load]")).count();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What one child printed and when.
     *
     * @param started  {@link System#nanoTime()} just before the process started
     * @param answered when its RESULT line was read
     * @param exited   when it had exited (or, in {@link LambdaLauncher.Mode#PROFILE}, was ended)
     * @param counters the JVM's performance counters, read before it was ended (profile mode only)
     */
    record Child(String result, Map<String, String> fields, long started, long answered, long exited,
                 Map<String, String> counters) {

        long mark(String name) {
            return Long.parseLong(fields.get(name)) - started;
        }
    }

    private ColdResult.Run run(Child child, Spec spec) {
        int expected = spec.event().status();
        if (!String.valueOf(expected).equals(child.fields().get("status"))) {
            throw new BenchFailure(spec.row() + ": the cold start of " + spec.event().fileName() + " answered "
                    + (child.result() == null ? "nothing" : child.result()) + ", not " + expected + "\n"
                    + tail(workDir.resolve(spec.row() + ".stdout.log").toFile(),
                    workDir.resolve(spec.row() + ".stderr.log").toFile()));
        }
        Map<String, String> fields = child.fields();
        return new ColdResult.Run(child.answered() - child.started(), child.exited() - child.started(),
                Long.parseLong(fields.get("rssPeakKb")), Long.parseLong(fields.get("initMs")),
                Long.parseLong(fields.get("invokeMs")), child.mark("mainNs"), Long.parseLong(fields.get("cpuMs")));
    }

    /** Starts the row's child in {@code mode} with {@code extraOptions} after Lambda's, and reads its RESULT line. */
    Child start(Spec spec, LambdaLauncher.Mode mode, List<String> extraOptions, Path events) {
        spec.reset().run();
        List<String> command = new ArrayList<>();
        command.add(JAVA.toString());
        boolean aotCache = extraOptions.stream().anyMatch(o -> o.startsWith("-XX:AOTCache"));
        // a JDK AOT cache takes the place of the default CDS archive, and the JVM refuses both options together
        LAMBDA_JVM.stream().filter(o -> !(aotCache && o.startsWith("-Xshare"))).forEach(command::add);
        command.addAll(networkOptions);
        command.addAll(extraOptions);
        command.addAll(CHILD_OPTIONS);
        if (mode != LambdaLauncher.Mode.COLD) {
            command.add("-D" + LambdaLauncher.MODE_PROPERTY + "=" + mode.name().toLowerCase(Locale.ROOT));
        }
        command.add("-cp");
        command.add(spec.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(LambdaLauncher.class.getName());
        command.add(spec.handlerClass());
        command.add(events.toAbsolutePath().toString());

        File stderr = workDir.resolve(spec.row() + ".stderr.log").toFile();
        File stdout = workDir.resolve(spec.row() + ".stdout.log").toFile();
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
        Map<String, String> counters = Map.of();
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
            if (mode == LambdaLauncher.Mode.PROFILE && result != null) {
                counters = Profile.counters(process.pid(), workDir.resolve(spec.row() + ".jfr"),
                        extraOptions.stream().anyMatch(o -> o.startsWith("-XX:StartFlightRecording")));
                process.destroyForcibly();
            }
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
        try {
            Files.write(stdout.toPath(), output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (result == null) {
            throw new BenchFailure(spec.row() + ": " + mode.name().toLowerCase(Locale.ROOT)
                    + " start printed no result\n" + tail(stdout, stderr));
        }
        return new Child(result, fields(result), started, answered, exited, counters);
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

    /** The last lines of the child's output files (its JSON log lines, then stderr). */
    static String tail(File... files) {
        List<String> lines = new ArrayList<>();
        for (File file : files) {
            try {
                lines.addAll(Files.readAllLines(file.toPath()));
            } catch (IOException e) {
                lines.add("(no " + file.getName() + ": " + e.getMessage() + ")");
            }
        }
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
