package io.participants.bench;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Markdown report: a header saying how it was measured, one table line per deployable, then the baseline. */
final class Report {

    static final double COLD_RATIO_TARGET = 1.5;
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
        out.append("- Cold: ").append(options.skipCold() ? "skipped" : options.runs() + " runs per row (median,"
                + " min–max), each a fresh JVM `" + String.join(" ", context.childJvm()) + "` with the row's"
                + " Lambda environment, the table reset to the event's starting state before each; wall time from"
                + " process start to the answer; RSS is the child's VmHWM").append('\n');
        out.append("- Warm: ").append(options.skipWarm() ? "skipped" : options.warmup() + " warm-up + "
                + options.requests() + " timed sequential `handleRequest` calls per row, in the harness JVM (`"
                + String.join(" ", context.harnessJvm()) + "`), against the same DynamoDB Local").append("\n\n");

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

        if (!options.skipCold()) {
            out.append("\n## Cold start, inside the child\n\n");
            out.append("| deployable | handler init ms | first invocation ms | process exit s |\n|---|---|---|---|\n");
            for (Row row : concat(rows, baseline)) {
                if (row.cold() != null) {
                    out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.3f |%n", row.name(),
                            row.cold().medianInitMs(), row.cold().medianInvokeMs(), row.cold().medianExitSeconds()));
                }
            }
        }

        if (!options.skipWarm()) {
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
