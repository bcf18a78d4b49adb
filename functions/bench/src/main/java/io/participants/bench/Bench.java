package io.participants.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.participants.api.ParticipantsHandler;
import io.participants.bench.launcher.LambdaLauncher;
import io.participants.infra.Permissions;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./bench}: cold starts (child JVMs, with {@code --aot} also with JDK AOT caches) and warm latency (in process)
 * of every deployable and of the baseline, or with {@code --profile} where a cold start's time goes, or with
 * {@code --after-priming} what SnapStart leaves; printed as Markdown and written to
 * {@code functions/bench/target/bench-results.md}. Exits 1 when any row
 * failed (a request that did not answer its expected status), 2 on bad options, 3 when the bench itself broke.
 */
public final class Bench {

    private static final String COLD_TABLE = "participants-bench";
    /** The name of a row's start with its JDK AOT cache, beside the row's own. */
    static final String AOT_SUFFIX = " (AOT cache)";
    /** The name of a row's start from the zip of {@code --against}. */
    static final String AGAINST_SUFFIX = " (against)";
    static final String PRIMED_C1 = "C1 only (TieredStopAtLevel=1)";
    static final String PRIMED_TIERED = "default tiering";
    /** Warm requests after the first one in an after-priming run; the p50 of the later half is the warm figure. */
    static final int PRIMED_WARM = primedWarm();
    private static final int PROFILE_PLAIN = 3;

    private final BenchOptions options;
    private final Path root;
    private final Path target;
    private final Path work;
    /** The zip of {@code --against}, unzipped, or null. */
    private Artifact against;

    private Bench(BenchOptions options, Path root) {
        this.options = options;
        this.root = root;
        this.target = root.resolve("functions/bench/target");
        // bench.work: another folder, for a second harness at the same time
        this.work = Path.of(System.getProperty("bench.work", target.resolve("bench-work").toString()));
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Path root = Path.of(System.getProperty("bench.root", "")).toAbsolutePath();
        // The functions (and the world's servers) log JSON lines to stdout, as on Lambda, where writing them is part
        // of every request's cost; here they go to a file so that stdout carries the report alone.
        PrintStream report = System.out;
        int status;
        try (PrintStream logs = logFile(root)) {
            System.setOut(logs);
            status = new Bench(options, root).run(report) ? 1 : 0;
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            status = 3;
        }
        // the servers of the world run on threads that would keep the JVM alive
        System.exit(status);
    }

    private static PrintStream logFile(Path root) {
        Path file = root.resolve("functions/bench/target/bench-logs.jsonl");
        try {
            Files.createDirectories(file.getParent());
            return new PrintStream(new BufferedOutputStream(Files.newOutputStream(file)), true,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean run(PrintStream out) {
        try {
            Artifact.deleteTree(work);
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Artifact artifact = Artifact.unzip(root.resolve("functions/api/target/participants-api-lambda.zip"),
                work.resolve("task"));
        List<EventFile> events = EventFile.under(root.resolve("events"));

        Map<String, Row> rows = new LinkedHashMap<>();
        for (String deployable : options.only()) {
            rows.put(deployable, Row.of(deployable, EventFile.representative(events, deployable, options.eventCase()),
                    Permissions.forCatalog().get(deployable).usesSecrets()));
        }
        if (options.against() != null) {
            against = Artifact.unzip(options.against(), work.resolve("against-task"));
            for (String deployable : options.only()) {
                Row row = rows.get(deployable);
                rows.put(deployable + AGAINST_SUFFIX, Row.of(deployable + AGAINST_SUFFIX, row.event(), row.stubbed()));
            }
        }
        Row baseline = Row.of(Row.BASELINE, EventFile.representative(events, "get-participant"), false);
        rows.put(Row.BASELINE, baseline);

        try (BenchWorld world = new BenchWorld(work)) {
            if (options.coldPhase()) {
                cold(world, artifact, rows);
            }
            if (options.warmPhase()) {
                warm(world, rows);
            }
            if (options.afterPriming()) {
                afterPriming(world, artifact, rows);
            }
            if (options.profile()) {
                profile(world, artifact, rows);
            }
        }

        Row baselineRow = rows.remove(Row.BASELINE);
        List<Row> deployables = new ArrayList<>(rows.values());
        String report = Report.render(context(artifact), deployables, baselineRow);
        out.println(report);
        try {
            Files.writeString(target.resolve("bench-results.md"), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return baselineRow.failed() || deployables.stream().anyMatch(Row::failed);
    }

    /** Each row's cold start; with {@code --aot} also a start with the row's own JDK AOT cache, in the same rounds. */
    private void cold(BenchWorld world, Artifact artifact, Map<String, Row> rows) {
        List<ColdRunner.Spec> specs = new ArrayList<>();
        for (ColdRunner.Spec spec : specs(world, artifact, rows)) {
            specs.add(spec);
            if (options.aot() && !spec.row().endsWith(AGAINST_SUFFIX)) {
                Path cache = work.resolve("aot").resolve(spec.row() + ".aot");
                specs.add(spec.variant(spec.row() + AOT_SUFFIX, List.of("-XX:AOTCache=" + cache),
                        List.of("-XX:AOTCacheOutput=" + cache)));
            }
        }
        if (options.aot()) {
            try {
                Files.createDirectories(work.resolve("aot"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ColdRunner runner = new ColdRunner(work, world.images().childJvmOptions(), options.runs());
        runner.runAll(specs).forEach((name, outcome) -> {
            boolean cached = name.endsWith(AOT_SUFFIX);
            String row = cached ? name.substring(0, name.length() - AOT_SUFFIX.length()) : name;
            rows.computeIfPresent(row, (n, r) -> outcome.result() == null
                    ? r.withFailure("cold" + (cached ? " (AOT cache)" : "") + ": " + outcome.failure())
                    : cached ? r.withColdAot(outcome.result()) : r.withCold(outcome.result()));
        });
        world.dropTable(COLD_TABLE);
    }

    /** Every row's child: the function's zip (or the baseline's jars) behind the launcher, the row's environment. */
    private List<ColdRunner.Spec> specs(BenchWorld world, Artifact artifact, Map<String, Row> rows) {
        List<Path> launcher = jars(target.resolve("bench-child/launcher"));
        List<Path> baselineClasspath = concat(launcher, jars(target.resolve("bench-child/baseline")));
        LambdaEnvironment.Locals baselineLocals = world.locals(COLD_TABLE, target.resolve("bench-child/baseline"));

        List<ColdRunner.Spec> specs = new ArrayList<>();
        for (Row row : rows.values()) {
            boolean isBaseline = row.name().equals(Row.BASELINE);
            boolean isAgainst = row.name().endsWith(AGAINST_SUFFIX);
            Artifact zip = isAgainst ? against : artifact;
            String deployable = isAgainst ? row.name().substring(0, row.name().length() - AGAINST_SUFFIX.length())
                    : row.name();
            List<Path> functionClasspath = concat(launcher, zip.jars());
            LambdaEnvironment.Locals locals = world.locals(COLD_TABLE, zip.taskRoot());
            Runnable reset = () -> {
                world.prepareStubs(row.event().function(), true);
                world.resetTable(COLD_TABLE);
            };
            specs.add(isBaseline
                    ? new ColdRunner.Spec(row.name(), LambdaEnvironment.BASELINE_CLASS, baselineClasspath,
                    LambdaEnvironment.forBaseline(baselineLocals), row.event(), reset)
                    : new ColdRunner.Spec(row.name(), LambdaEnvironment.HANDLER_CLASS, functionClasspath,
                    LambdaEnvironment.forDeployable(deployable, locals), row.event(), reset));
        }
        return specs;
    }

    /**
     * What SnapStart leaves ({@code --after-priming}): per run and JIT setting, one JVM that builds the handler, runs
     * its checkpoint hooks as Lambda does before a snapshot, then serves the row's first real request and
     * {@value #PRIMED_WARM} warm ones (made as the warm rows make them). Rounds go over every row and setting alike.
     */
    private void afterPriming(BenchWorld world, Artifact artifact, Map<String, Row> rows) {
        ColdRunner runner = new ColdRunner(work, world.images().childJvmOptions(), options.runs());
        Map<String, List<String>> jits = new LinkedHashMap<>();
        jits.put(PRIMED_C1, List.of());
        // a later flag wins: the JVM's default tiering, as Lambda runs a SnapStart function without JAVA_TOOL_OPTIONS
        jits.put(PRIMED_TIERED, List.of("-XX:TieredStopAtLevel=4"));
        Map<String, Map<String, List<PrimedResult.Run>>> runs = new LinkedHashMap<>();
        Map<String, Boolean> logged = new HashMap<>();
        List<ColdRunner.Spec> specs = specs(world, artifact, rows);
        for (int round = 1; round <= options.runs(); round++) {
            for (ColdRunner.Spec spec : specs) {
                Row row = rows.get(spec.row());
                if (row.failed()) {
                    continue;
                }
                for (Map.Entry<String, List<String>> jit : jits.entrySet()) {
                    Path events = work.resolve(spec.row() + ".primed-events.jsonl");
                    ColdRunner.Spec seeded = new ColdRunner.Spec(spec.row(), spec.handlerClass(), spec.classpath(),
                            spec.environment(), spec.event(), () -> {
                        spec.reset().run();
                        writeLines(events, new WarmRequests(world.dynamo(), COLD_TABLE)
                                .plan(spec.event(), 2 + PRIMED_WARM).events());
                    });
                    try {
                        ColdRunner.Child child = runner.start(seeded, LambdaLauncher.Mode.PRIMED, jit.getValue(),
                                events);
                        Map<String, String> f = child.fields();
                        if (!String.valueOf(spec.event().status()).equals(f.get("status"))
                                || !"0".equals(f.get("unexpected"))) {
                            throw new BenchFailure(spec.row() + ": after priming, " + spec.event().fileName()
                                    + " answered " + child.result() + ", not " + spec.event().status() + " each time");
                        }
                        PrimedResult.Run run = new PrimedResult.Run(Long.parseLong(f.get("firstUs")),
                                Long.parseLong(f.get("warmP50Us")), Long.parseLong(f.get("primingMs")),
                                Integer.parseInt(f.get("warmRequests")),
                                Long.parseLong(f.getOrDefault("warmP99Us", f.get("warmP50Us"))),
                                Long.parseLong(f.getOrDefault("firstClasses", "-1")),
                                Long.parseLong(f.getOrDefault("firstCompileMs", "-1")),
                                Long.parseLong(f.getOrDefault("firstCpuUs", "-1")),
                                Long.parseLong(f.getOrDefault("warmCpuP50Us", "-1")),
                                Long.parseLong(f.getOrDefault("flushedUs", "-1")),
                                Long.parseLong(f.getOrDefault("flushedCpuUs", "-1")));
                        runs.computeIfAbsent(spec.row(), r -> new LinkedHashMap<>())
                                .computeIfAbsent(jit.getKey(), j -> new ArrayList<>()).add(run);
                        boolean hooks = Integer.parseInt(f.get("hooks")) > 0;
                        boolean primingLogged = !hooks || primingLines(work.resolve(spec.row() + ".stdout.log")) == 1;
                        logged.merge(spec.row(), primingLogged, Boolean::logicalAnd);
                        progress(String.format("after priming %d/%d %s (%s): first %.3f ms (CPU %.3f), warm p50 %.3f"
                                        + " ms (CPU %.3f), priming %d ms%s", round, options.runs(), spec.row(),
                                jit.getKey(), run.firstMicros() / 1e3, run.firstCpuMicros() / 1e3,
                                run.warmMicros() / 1e3, run.warmCpuMicros() / 1e3, run.primingMs(),
                                primingLogged ? "" : ", NO priming log line"));
                    } catch (BenchFailure e) {
                        rows.put(spec.row(), row.withFailure("after priming: " + e.getMessage()));
                        progress("FAILED " + e.getMessage());
                        break;
                    }
                }
            }
        }
        runs.forEach((name, byJit) -> byJit.forEach((jit, list) -> rows.computeIfPresent(name, (n, row) ->
                row.failed() ? row : row.withPrimed(new PrimedResult(jit, list, logged.getOrDefault(name, false))))));
        world.dropTable(COLD_TABLE);
    }

    /** How many lines of a child's log say that priming ran ({@code RoutePriming}'s one line). */
    private static long primingLines(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("\"loggerName\":\"io.participants.api.priming.RoutePriming\"")
                    && l.contains("Primed ")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Where the time of a cold start goes ({@code --profile}): {@value #PROFILE_PLAIN} plain starts per row for the
     * phases and the JVM's counters, then one start under JFR with class loading logged.
     */
    private void profile(BenchWorld world, Artifact artifact, Map<String, Row> rows) {
        Profile.writeSettings(work);
        ColdRunner runner = new ColdRunner(work, world.images().childJvmOptions(), options.runs());
        for (ColdRunner.Spec spec : specs(world, artifact, rows)) {
            try {
                List<Map<String, Double>> phases = new ArrayList<>();
                List<Map<String, Double>> counters = new ArrayList<>();
                for (int i = 0; i < PROFILE_PLAIN; i++) {
                    ColdRunner.Child child = runner.start(spec, LambdaLauncher.Mode.PROFILE, List.of(),
                            spec.event().path());
                    checkStatus(spec, child);
                    phases.add(Profile.phases(child));
                    counters.add(Profile.classCounters(child.counters()));
                }
                ColdRunner.Child recorded = runner.start(spec, LambdaLauncher.Mode.PROFILE,
                        Profile.jfrOptions(work, spec.row()), spec.event().path());
                checkStatus(spec, recorded);
                Profile profile = Profile.of(Profile.medians(phases), Profile.medians(counters),
                        work.resolve(spec.row() + ".jfr"), work.resolve(spec.row() + ".profile-classes.log"));
                rows.computeIfPresent(spec.row(), (n, row) -> row.withProfile(profile));
                progress(String.format("profile %s: %.0f ms to the response, %d samples", spec.row(),
                        profile.phases().get("total, process start to response"), profile.samples()));
            } catch (BenchFailure | UncheckedIOException e) {
                rows.computeIfPresent(spec.row(), (n, row) -> row.withFailure("profile: " + e.getMessage()));
                progress("FAILED profile " + spec.row() + ": " + e.getMessage());
            }
        }
        world.dropTable(COLD_TABLE);
    }

    private static void checkStatus(ColdRunner.Spec spec, ColdRunner.Child child) {
        if (!String.valueOf(spec.event().status()).equals(child.fields().get("status"))) {
            throw new BenchFailure(spec.row() + ": " + spec.event().fileName() + " answered " + child.result()
                    + ", not " + spec.event().status());
        }
    }

    /** Writes events one a line, as {@link LambdaLauncher.Mode#PRIMED} reads them. */
    static void writeLines(Path file, List<String> events) {
        try {
            // one event a line: JSON text has no raw line breaks inside its strings
            Files.write(file, events.stream().map(e -> e.replace('\n', ' ').replace('\r', ' ')).toList(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The baseline first, then each deployable, each on a table of its own that is dropped afterwards. */
    private void warm(BenchWorld world, Map<String, Row> rows) {
        WarmRunner runner = new WarmRunner(options.warmup(), options.requests());
        List<Row> order = new ArrayList<>();
        order.add(rows.get(Row.BASELINE));
        // the rows of --against are cold starts of another build: this JVM holds this build's handlers only
        rows.values().stream().filter(r -> !r.name().equals(Row.BASELINE) && !r.name().endsWith(AGAINST_SUFFIX))
                .forEach(order::add);
        for (Row row : order) {
            String table = "warm-" + row.name();
            try {
                world.resetTable(table);
                world.prepareStubs(row.event().function(), false);
                progress("warm " + row.name() + ": seeding " + runner.eventsNeeded() + " requests");
                WarmRequests.Plan plan = new WarmRequests(world.dynamo(), table).plan(row.event(),
                        runner.eventsNeeded());
                progress("warm " + row.name() + ": " + plan.description());
                WarmResult result;
                if (row.name().equals(Row.BASELINE)) {
                    result = runner.run(new BaselineHandler(BaselineHandler.client(world.dynamoEndpoint()), table,
                            "tenant_id"), plan, row.event().status());
                } else {
                    try (ApplicationContext context = ApplicationContext.builder()
                            .properties(world.handlerProperties(row.name(), table))
                            .singletons(world.inProcessGuards())
                            .build()) {
                        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                                new ParticipantsHandler(context);
                        result = runner.run(handler, plan, row.event().status());
                    }
                }
                Row updated = result.failed()
                        ? row.withFailure("warm: " + result.unexpected() + " of " + runner.eventsNeeded()
                        + " requests did not answer " + row.event().status() + ", e.g. " + result.example())
                        : row.withWarm(result);
                rows.put(row.name(), updated);
                progress(String.format("warm %s: p50 %.3f ms, p99 %.3f ms, %.0f req/s, p50 of the first/last %d:"
                                + " %.3f/%.3f ms%s", row.name(), result.p50Ms(), result.p99Ms(), result.perSecond(),
                        WarmResult.DRIFT_WINDOW, result.firstP50Ms(), result.lastP50Ms(), result.failed() ? ", FAILED: " + result.unexpected()
                                + " unexpected, e.g. " + result.example() : ""));
            } catch (RuntimeException e) {
                rows.put(row.name(), row.withFailure("warm: " + e));
                progress("FAILED warm " + row.name() + ": " + e);
                e.printStackTrace();
            } finally {
                world.dropTable(table);
            }
        }
    }

    private Report.Context context(Artifact artifact) {
        String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")";
        return new Report.Context(ZonedDateTime.now(), java, Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("bench.command", "./bench"), options,
                concat(ColdRunner.LAMBDA_JVM, ColdRunner.CHILD_OPTIONS),
                ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X")).toList(), artifact);
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException | UncheckedIOException e) {
            return "unknown CPU";
        }
    }

    private static List<Path> jars(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no " + dir + ": build with ./bench (mvn package -pl functions/bench -am)", e);
        }
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void progress(String line) {
        System.err.println("[bench] " + line);
    }

    /**
     * The warm requests after the first one in {@code --after-priming}: 100, or {@code BENCH_PRIMED_REQUESTS} (a few
     * thousand put the warm p99 on enough samples to compare JIT settings by).
     */
    private static int primedWarm() {
        String value = System.getenv("BENCH_PRIMED_REQUESTS");
        return value == null || value.isBlank() ? 100 : Math.max(10, Integer.parseInt(value.trim()));
    }
}
