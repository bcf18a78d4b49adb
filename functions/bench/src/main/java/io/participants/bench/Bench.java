package io.participants.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.participants.api.ParticipantsHandler;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./bench}: cold starts (child JVMs) and warm latency (in process) of every deployable and of the baseline,
 * printed as a Markdown table and written to {@code functions/bench/target/bench-results.md}. Exits 1 when any row
 * failed (a request that did not answer its expected status), 2 on bad options, 3 when the bench itself broke.
 */
public final class Bench {

    private static final String COLD_TABLE = "participants-bench";

    private final BenchOptions options;
    private final Path root;
    private final Path target;
    private final Path work;

    private Bench(BenchOptions options, Path root) {
        this.options = options;
        this.root = root;
        this.target = root.resolve("functions/bench/target");
        this.work = target.resolve("bench-work");
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
        Row baseline = Row.of(Row.BASELINE, EventFile.representative(events, "get-participant"), false);
        rows.put(Row.BASELINE, baseline);

        try (BenchWorld world = new BenchWorld(work)) {
            if (!options.skipCold()) {
                cold(world, artifact, rows);
            }
            if (!options.skipWarm()) {
                warm(world, rows);
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

    private void cold(BenchWorld world, Artifact artifact, Map<String, Row> rows) {
        List<Path> launcher = jars(target.resolve("bench-child/launcher"));
        List<Path> functionClasspath = concat(launcher, artifact.jars());
        List<Path> baselineClasspath = concat(launcher, jars(target.resolve("bench-child/baseline")));
        LambdaEnvironment.Locals locals = world.locals(COLD_TABLE, artifact.taskRoot());
        LambdaEnvironment.Locals baselineLocals = world.locals(COLD_TABLE, target.resolve("bench-child/baseline"));

        List<ColdRunner.Spec> specs = new ArrayList<>();
        for (Row row : rows.values()) {
            boolean isBaseline = row.name().equals(Row.BASELINE);
            Runnable reset = () -> {
                world.prepareStubs(row.event().function(), true);
                world.resetTable(COLD_TABLE);
            };
            specs.add(isBaseline
                    ? new ColdRunner.Spec(row.name(), LambdaEnvironment.BASELINE_CLASS, baselineClasspath,
                    LambdaEnvironment.forBaseline(baselineLocals), row.event(), reset)
                    : new ColdRunner.Spec(row.name(), LambdaEnvironment.HANDLER_CLASS, functionClasspath,
                    LambdaEnvironment.forDeployable(row.name(), locals), row.event(), reset));
        }
        ColdRunner runner = new ColdRunner(work, world.images().childJvmOptions(), options.runs());
        runner.runAll(specs).forEach((name, outcome) -> rows.computeIfPresent(name, (n, row) ->
                outcome.result() != null ? row.withCold(outcome.result()) : row.withFailure("cold: " + outcome.failure())));
        world.dropTable(COLD_TABLE);
    }

    /** The baseline first, then each deployable, each on a table of its own that is dropped afterwards. */
    private void warm(BenchWorld world, Map<String, Row> rows) {
        WarmRunner runner = new WarmRunner(options.warmup(), options.requests());
        List<Row> order = new ArrayList<>();
        order.add(rows.get(Row.BASELINE));
        rows.values().stream().filter(r -> !r.name().equals(Row.BASELINE)).forEach(order::add);
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
                ColdRunner.LAMBDA_JVM, ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
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

    private static List<Path> concat(List<Path> first, List<Path> second) {
        List<Path> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void progress(String line) {
        System.err.println("[bench] " + line);
    }
}
