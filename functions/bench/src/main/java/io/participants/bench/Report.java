package io.participants.bench;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The Markdown report: a header saying how it was measured, one table line per deployable, then the baseline. */
final class Report {

    /** Issue 16: a plain JVM at most 1.6 times the baseline, 1.3 with JDK AOT caches, SnapStart's first request 1.5. */
    static final double COLD_RATIO_TARGET = 1.6;
    static final double AOT_RATIO_TARGET = 1.3;
    static final double PRIMED_RATIO_TARGET = 1.5;
    static final double WARM_RATIO_TARGET = 1.2;
    static final double ZIP_TARGET_MIB = 20;
    private static final String OVER = " ⚠";

    /**
     * @param command      the command line as typed
     * @param harnessJvm   the harness JVM's options (warm figures are measured in it)
     */
    record Context(ZonedDateTime date, String javaVersion, int cpus, String cpuModel, String command,
                   BenchOptions options, List<String> childJvm, List<String> harnessJvm, Artifact artifact) {
    }

    private Report() {
    }

    static String render(Context context, List<Row> rows, Row baseline) {
        StringBuilder out = new StringBuilder();
        BenchOptions options = context.options();
        out.append("# Cold start and warm latency\n\n");
        out.append("- Date: ").append(context.date().withZoneSameInstant(ZoneOffset.UTC)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        out.append("- Java: ").append(context.javaVersion()).append('\n');
        out.append("- CPUs: ").append(context.cpus()).append(" (").append(context.cpuModel()).append(")\n");
        out.append("- Command: `").append(context.command()).append("`\n");
        out.append("- Cold: ").append(!options.coldPhase() ? "skipped" : options.runs() + " runs per row (median,"
                + " min–max), each a fresh JVM `" + String.join(" ", context.childJvm()) + "` with the row's"
                + " Lambda environment, the table reset to the event's starting state before each; wall time from"
                + " process start to the answer; RSS is the child's VmHWM" + (options.aot() ? "; with `--aot` each"
                + " row also starts with a JDK AOT cache of its own (`-XX:AOTCache`), written by one training run"
                + " (`-XX:AOTCacheOutput`) that builds the handler and runs its SnapStart hooks (priming; the"
                + " baseline: its request for a missing participant), in the same rounds" : "")).append('\n');
        out.append("- Warm: ").append(!options.warmPhase() ? "skipped" : options.warmup() + " warm-up + "
                + options.requests() + " timed sequential `handleRequest` calls per row, in the harness JVM (`"
                + String.join(" ", context.harnessJvm()) + "`), against the same DynamoDB Local").append('\n');
        if (options.afterPriming()) {
            out.append("- After priming: ").append(options.runs()).append(" runs per row and JIT setting, each a"
                    + " JVM with Lambda's flags that builds the handler, runs its org.crac checkpoint hooks after a"
                    + " full GC (as before a snapshot) and the restore hooks, then times its first real request and ")
                    .append(Bench.PRIMED_WARM).append(" more (warm: the p50 of the later half); medians\n");
        }
        if (options.profile()) {
            out.append("- Profile: per row, 3 plain starts (phases from the launcher's marks, the JVM's counters by"
                    + " `jcmd PerfCounter.print`; medians), then one start under JFR (main-thread samples every 1 ms,"
                    + " every class load) with `-Xlog:class+load`, whose samples share out the plain phases\n");
        }
        out.append('\n');
        if (options.profile() || options.afterPriming()) {
            return out.append(options.profile() ? profiles(rows, baseline) : primed(rows, baseline))
                    .append(failures(rows, baseline)).toString();
        }

        out.append("| deployable | event | cold median s (min–max) | cold ratio | RSS MiB | classes | warm request |"
                + " warm p50 ms | p99 ms | req/s | warm ratio |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append(line(row, baseline)).append('\n');
        }
        out.append(line(baseline, baseline)).append("\n\n");
        out.append(String.format(Locale.ROOT, "%s marks a figure over its target: cold ratio > %.1f, warm ratio > %.1f,"
                + " zip > %.0f MiB. † reaches WireMock on loopback (Secrets Manager; Slack for the avatar sync,"
                + " disconnect and OAuth callback). Ratios are against the baseline's median (cold) and p50 (warm).%n%n",
                OVER.trim(), COLD_RATIO_TARGET, WARM_RATIO_TARGET, ZIP_TARGET_MIB));

        out.append("## Baseline\n\n");
        out.append("`").append(BaselineHandler.class.getName()).append("`: no framework; one DynamoDB client (sync,"
                + " URL connection) and get-participant's DynamoDB requests (a consistent GetItem, then a consistent"
                + " BatchGetItem of the channels' configs), a hand-written JSON body;"
                + " classpath: DynamoDB SDK module, url-connection-client, Lambda core and events.\n\n");
        if (baseline.cold() != null) {
            ColdResult cold = baseline.cold();
            out.append(String.format(Locale.ROOT, "- Cold: median %.3f s (min %.3f, max %.3f), %.0f MiB RSS, %d classes;"
                            + " handler init %.0f ms, first invocation %.0f ms, process exit at %.3f s%n",
                    cold.medianSeconds(), cold.minSeconds(), cold.maxSeconds(), cold.medianRssMiB(), cold.classes(),
                    cold.medianInitMs(), cold.medianInvokeMs(), cold.medianExitSeconds()));
        }
        if (baseline.warm() != null) {
            WarmResult warm = baseline.warm();
            out.append(String.format(Locale.ROOT, "- Warm: p50 %.3f ms, p99 %.3f ms, %.0f req/s%n", warm.p50Ms(),
                    warm.p99Ms(), warm.perSecond()));
        }
        for (String failure : baseline.failures()) {
            out.append("- FAILED: ").append(firstLine(failure)).append('\n');
        }

        Artifact artifact = context.artifact();
        out.append("\n## Artifact\n\n");
        out.append(String.format(Locale.ROOT, "`%s`, shared by every deployable: %d bytes (%.2f MiB)%s zipped,"
                        + " %d bytes (%.2f MiB) unzipped, %d jars under lib/.%n",
                artifact.zip().getFileName(), artifact.zipBytes(), artifact.zipMiB(),
                artifact.zipMiB() > ZIP_TARGET_MIB ? OVER : "", artifact.unzippedBytes(), artifact.unzippedMiB(),
                artifact.jars().size()));

        if (options.coldPhase()) {
            out.append("\n## Cold start, inside the child\n\n");
            out.append("| deployable | JVM start to main ms | handler init ms | first invocation ms | process exit s |"
                    + " CPU s (all threads) | CPU ratio |\n|---|---|---|---|---|---|---|\n");
            for (Row row : concat(rows, baseline)) {
                if (row.cold() != null) {
                    Double cpu = baseline.cold() == null ? null
                            : row.cold().medianCpuSeconds() / baseline.cold().medianCpuSeconds();
                    out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.3f | %.2f | %s |%n",
                            row.name(), row.cold().medianBootMs(), row.cold().medianInitMs(),
                            row.cold().medianInvokeMs(), row.cold().medianExitSeconds(),
                            row.cold().medianCpuSeconds(), ratio(cpu, COLD_RATIO_TARGET)));
                }
            }
        }
        if (options.aot()) {
            out.append(aot(rows, baseline));
        }

        if (options.warmPhase()) {
            out.append(String.format(Locale.ROOT, "%n## Warm, over time%n%nThe p50 of the first and of the last %,d"
                    + " timed requests: a handler whose cost grows with the invocations it has served shows here.%n%n",
                    WarmResult.DRIFT_WINDOW));
            out.append("| deployable | first p50 ms | last p50 ms | last / first |\n|---|---|---|---|\n");
            for (Row row : concat(rows, baseline)) {
                if (row.warm() != null) {
                    WarmResult warm = row.warm();
                    out.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.2f |%n", row.name(),
                            warm.firstP50Ms(), warm.lastP50Ms(), warm.lastP50Ms() / warm.firstP50Ms()));
                }
            }
        }

        return out.append(failures(rows, baseline)).toString();
    }

    private static String failures(List<Row> rows, Row baseline) {
        StringBuilder out = new StringBuilder();
        List<Row> failed = rows.stream().filter(Row::failed).toList();
        if (!failed.isEmpty() || baseline.failed()) {
            out.append("\n## Failures\n\n");
            for (Row row : failed) {
                row.failures().forEach(f -> out.append("- ").append(row.name()).append(": ")
                        .append(firstLine(f)).append('\n'));
            }
            baseline.failures().forEach(f -> out.append("- baseline: ").append(firstLine(f)).append('\n'));
        }
        return out.toString();
    }

    /** Both modes side by side: the plain JVM and the JVM with the row's own AOT cache, each against its baseline. */
    static String aot(List<Row> rows, Row baseline) {
        StringBuilder out = new StringBuilder("\n## Cold start with a JDK AOT cache\n\n");
        out.append("| deployable | plain median s | plain ratio | AOT cache median s (min–max) | AOT cache ratio |"
                + " saved by the cache | CPU s plain / cached | CPU ratio cached |\n|---|---|---|---|---|---|---|---|\n");
        for (Row row : concat(rows, baseline)) {
            if (row.cold() == null || row.coldAot() == null) {
                continue;
            }
            Double plain = baseline.cold() == null ? null : row.cold().medianSeconds() / baseline.cold().medianSeconds();
            Double cached = baseline.coldAot() == null ? null
                    : row.coldAot().medianSeconds() / baseline.coldAot().medianSeconds();
            Double cachedCpu = baseline.coldAot() == null ? null
                    : row.coldAot().medianCpuSeconds() / baseline.coldAot().medianCpuSeconds();
            out.append(String.format(Locale.ROOT, "| %s | %.3f | %s | %.3f (%.3f–%.3f) | %s | %.0f%% | %.2f / %.2f | %s |%n",
                    row.name().equals(Row.BASELINE) ? "**baseline**" : row.name(), row.cold().medianSeconds(),
                    ratio(plain, COLD_RATIO_TARGET), row.coldAot().medianSeconds(), row.coldAot().minSeconds(),
                    row.coldAot().maxSeconds(), ratio(cached, AOT_RATIO_TARGET),
                    100 * (1 - row.coldAot().medianSeconds() / row.cold().medianSeconds()),
                    row.cold().medianCpuSeconds(), row.coldAot().medianCpuSeconds(),
                    ratio(cachedCpu, AOT_RATIO_TARGET)));
        }
        out.append(String.format(Locale.ROOT, "%nRatios: the plain start against the plain baseline (target %.1f),"
                + " the cached start against the cached baseline (target %.1f).%n", COLD_RATIO_TARGET, AOT_RATIO_TARGET));
        return out.toString();
    }

    /** The first request after priming against warm ones, per JIT setting. */
    static String primed(List<Row> rows, Row baseline) {
        List<String> jits = concat(rows, baseline).stream().flatMap(r -> r.primed().stream()).map(PrimedResult::jit)
                .distinct().toList();
        StringBuilder out = new StringBuilder("## What SnapStart leaves: the first request after priming\n\n");
        out.append("| deployable | event | priming ms |");
        jits.forEach(j -> out.append(" first ms, ").append(j).append(" | warm p50 ms | warm p99 ms | first / warm |"
                + " first's classes | first's JIT ms | CPU ms, first / warm | warm after a flush ms (CPU) |"));
        out.append(" priming logged |\n|---|---|---|");
        jits.forEach(j -> out.append("---|---|---|---|---|---|---|---|"));
        out.append("---|\n");
        for (Row row : concat(rows, baseline)) {
            if (row.primed().isEmpty()) {
                if (row.failed()) {
                    out.append("| ").append(row.name()).append(" | ").append(row.event().fileName())
                            .append(" | **FAILED** |\n");
                }
                continue;
            }
            boolean isBaseline = row.name().equals(Row.BASELINE);
            out.append("| ").append(isBaseline ? "**baseline** (no priming)" : row.name()).append(" | ")
                    .append(row.event().fileName()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f", row.primed().get(0).primingMs())).append(" |");
            for (String jit : jits) {
                row.primed().stream().filter(p -> p.jit().equals(jit)).findFirst().ifPresentOrElse(p ->
                        out.append(String.format(Locale.ROOT, " %.3f | %.3f | %.3f | %s | %s | %s | %s | %s |",
                                p.firstMs(), p.warmMs(), p.warmP99Ms(), ratio(p.ratio(), PRIMED_RATIO_TARGET),
                                known(p.firstClasses()), known(p.firstCompileMs()), cpu(p), flushed(p))),
                        () -> out.append(" – | – | – | – | – | – | – | – |"));
            }
            out.append(isBaseline ? " – |" : row.primed().get(0).logged() ? " yes |" : " **no** ⚠ |").append('\n');
        }
        out.append(String.format(Locale.ROOT, "%nTarget: the first request at most %.1f times a warm one. Priming"
                + " opens no connection: the first request opens the JVM's first real ones, as after a restore."
                + " The first's classes: those the first request loaded, which priming left to it (the JVM's"
                + " loaded-class count before and after it); the first's JIT ms: the compilers' time meanwhile;"
                + " CPU ms: the CPU time of the thread that handled the request, the first's and the warm p50 (the"
                + " function's own work; the rest of the time it waited on the stores and stand-ins); warm after a"
                + " flush: one more warm request, after a full collection and a walk through 128 MiB, so that its"
                + " objects have moved and the CPU's caches hold nothing of it, as for the first request after a"
                + " snapshot (what a first request costs that no priming can take away); medians.%n",
                PRIMED_RATIO_TARGET));
        return out.toString();
    }

    private static String cpu(PrimedResult primed) {
        return primed.firstCpuMs() < 0 || primed.warmCpuMs() < 0 ? "–"
                : String.format(Locale.ROOT, "%.1f / %.1f", primed.firstCpuMs(), primed.warmCpuMs());
    }

    private static String flushed(PrimedResult primed) {
        return primed.flushedMs() < 0 ? "–"
                : String.format(Locale.ROOT, "%.3f (%.1f)", primed.flushedMs(), primed.flushedCpuMs());
    }

    private static String known(long value) {
        return value < 0 ? "–" : String.format(Locale.ROOT, "%,d", value);
    }

    /** Each row's profile: phases, class loading counters, what the init and the first request did, beans, jars. */
    static String profiles(List<Row> rows, Row baseline) {
        StringBuilder out = new StringBuilder();
        List<Row> all = concat(rows, baseline);
        List<Row> profiled = all.stream().filter(r -> r.profile() != null).toList();
        if (profiled.isEmpty()) {
            return out.toString();
        }
        out.append("## Profile: phases (ms, median of 3 plain starts)\n\n");
        appendByRow(out, profiled, Profile::phases);
        out.append("\n## Profile: the JVM's class loading counters (median of the same starts)\n\n");
        appendByRow(out, profiled, Profile::counters);
        out.append("\n## Profile: what the time went to (ms; each phase's wall time shared out by its JFR samples)\n\n");
        out.append(header(profiled));
        List<String> categories = profiled.stream()
                .flatMap(r -> java.util.stream.Stream.concat(r.profile().init().keySet().stream(),
                        r.profile().request().keySet().stream())).distinct().toList();
        for (String part : List.of("init", "first request")) {
            for (String category : categories) {
                out.append("| ").append(part).append(": ").append(category).append(" |");
                profiled.forEach(r -> out.append(cell((part.equals("init") ? r.profile().init()
                        : r.profile().request()).get(category))));
                out.append('\n');
            }
        }
        out.append("| samples |");
        profiled.forEach(r -> out.append(" ").append(r.profile().samples()).append(" |"));
        out.append('\n');
        for (Row row : profiled) {
            Profile profile = row.profile();
            out.append("\n### ").append(row.name()).append(": beans (ms of their own creation work)\n\n");
            out.append("| bean | ms |\n|---|---|\n");
            profile.beans().entrySet().stream().limit(15).forEach(e -> out.append(String.format(Locale.ROOT,
                    "| %s | %.0f |%n", e.getKey(), e.getValue())));
            out.append("\n### ").append(row.name()).append(": classes by jar (own loading time under JFR)\n\n");
            out.append("| jar | classes | loading ms |\n|---|---|---|\n");
            profile.jars().stream().limit(20).forEach(j -> out.append(String.format(Locale.ROOT,
                    "| %s | %d | %.0f |%n", j.name(), j.classes(), j.loadMs())));
            long rest = profile.jars().stream().skip(20).mapToLong(Profile.Jar::classes).sum();
            if (rest > 0) {
                out.append(String.format(Locale.ROOT, "| %d more jars | %d | %.0f |%n", profile.jars().size() - 20,
                        rest, profile.jars().stream().skip(20).mapToDouble(Profile.Jar::loadMs).sum()));
            }
        }
        return out.toString();
    }

    private static String header(List<Row> rows) {
        StringBuilder out = new StringBuilder("| |");
        rows.forEach(r -> out.append(' ').append(r.name()).append(" |"));
        out.append("\n|---|");
        rows.forEach(r -> out.append("---|"));
        return out.append('\n').toString();
    }

    /** A table of one line per key of the first row's figures, a column per row. */
    private static void appendByRow(StringBuilder out, List<Row> profiled,
                                    Function<Profile, Map<String, Double>> figures) {
        out.append(header(profiled));
        for (String key : figures.apply(profiled.get(0).profile()).keySet()) {
            out.append("| ").append(key).append(" |");
            profiled.forEach(r -> out.append(cell(figures.apply(r.profile()).get(key))));
            out.append('\n');
        }
    }

    private static String cell(Double value) {
        return value == null ? " – |" : String.format(Locale.ROOT, " %.0f |", value);
    }

    private static List<Row> concat(List<Row> rows, Row last) {
        List<Row> all = new ArrayList<>(rows);
        all.add(last);
        return all;
    }

    private static String line(Row row, Row baseline) {
        ColdResult cold = row.cold();
        WarmResult warm = row.warm();
        String coldCells;
        if (cold != null) {
            Double ratio = baseline.cold() == null ? null : cold.medianSeconds() / baseline.cold().medianSeconds();
            coldCells = String.format(Locale.ROOT, "%.3f (%.3f–%.3f) | %s | %.0f | %d", cold.medianSeconds(),
                    cold.minSeconds(), cold.maxSeconds(), ratio(ratio, COLD_RATIO_TARGET), cold.medianRssMiB(),
                    cold.classes());
        } else {
            coldCells = String.join(" | ", List.of(phaseMissing(row, "cold"), "", "", ""));
        }
        String warmCells;
        if (warm != null) {
            Double ratio = baseline.warm() == null ? null : warm.p50Ms() / baseline.warm().p50Ms();
            warmCells = String.format(Locale.ROOT, "%s | %.3f | %.3f | %.0f | %s", warm.request(), warm.p50Ms(),
                    warm.p99Ms(), warm.perSecond(), ratio(ratio, WARM_RATIO_TARGET));
        } else {
            warmCells = String.join(" | ", List.of(phaseMissing(row, "warm"), "", "", "", ""));
        }
        String name = row.name().equals(Row.BASELINE) ? "**baseline**" : row.name() + (row.stubbed() ? " †" : "");
        return "| " + name + " | " + row.event().fileName() + " | " + coldCells + " | " + warmCells + " |";
    }

    /** "FAILED" when the row has a failure of that phase, else "–" (skipped). */
    private static String phaseMissing(Row row, String phase) {
        return row.failures().stream().anyMatch(f -> f.startsWith(phase + ":")) ? "**FAILED**" : "–";
    }

    static String ratio(Double ratio, double target) {
        if (ratio == null) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", ratio) + (ratio > target ? OVER : "");
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
