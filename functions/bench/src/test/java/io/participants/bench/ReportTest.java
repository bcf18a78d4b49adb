package io.participants.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    private static final EventFile GET = EventFile.of(Path.of("events/participants/get-participant.200.json"));
    private static final EventFile SYNC = EventFile.of(Path.of("events/participants/sync-participant-avatar.200.json"));

    @Test
    void ratiosAreAgainstTheBaselineAndMarkedOverTheirTargets() {
        Row baseline = Row.of(Row.BASELINE, GET, false).withCold(cold(1.0)).withWarm(warm(2.0));
        Row slow = Row.of("get-participant", GET, false).withCold(cold(1.7)).withWarm(warm(2.2));
        Row fine = Row.of("sync-participant-avatar", SYNC, true).withCold(cold(1.4)).withWarm(warm(2.6));

        String report = Report.render(context(21 * 1024 * 1024), List.of(slow, fine), baseline);

        assertThat(lineOf(report, "| get-participant |")).contains("| 1.70 ⚠ |").contains("| 1.10 |");
        assertThat(lineOf(report, "| sync-participant-avatar † |")).contains("| 1.40 |").contains("| 1.30 ⚠ |");
        assertThat(lineOf(report, "| **baseline** |")).contains("| 1.00 |");
        assertThat(report).contains("(21.00 MiB) ⚠ zipped");
    }

    @Test
    void aFailedPhaseShowsNoFiguresButItsFailure() {
        Row baseline = Row.of(Row.BASELINE, GET, false).withCold(cold(1.0)).withWarm(warm(2.0));
        Row failed = Row.of("get-participant", GET, false).withCold(cold(1.2))
                .withFailure("warm: 3 of 12000 requests did not answer 200, e.g. 500 {}");

        String report = Report.render(context(1024), List.of(failed), baseline);

        assertThat(lineOf(report, "| get-participant |")).contains("| 1.20 |").contains("**FAILED**");
        assertThat(report).contains("## Failures").contains("- get-participant: warm: 3 of 12000");
    }

    @Test
    void afterPrimingEachRowShowsWhatItsFirstRequestStillLoadedAndCompiled() {
        Row baseline = Row.of(Row.BASELINE, GET, false)
                .withPrimed(new PrimedResult("C1 only", List.of(primed(0, 900, 40), primed(0, 1_100, 60)), true));
        Row get = Row.of("get-participant", GET, false).withPrimed(new PrimedResult("C1 only",
                List.of(primed(500, 1_312, 21), primed(520, 1_290, 25), primed(480, 1_400, 23)), true));

        String primed = Report.primed(List.of(get), baseline);

        assertThat(primed).contains("| first / warm | first's classes | first's JIT ms |");
        assertThat(lineOf(primed, "| get-participant |")).contains("| 1,312 | 23 |");
        assertThat(lineOf(primed, "| **baseline** (no priming) |")).contains("| 1,000 | 50 |");
    }

    @Test
    void afterPrimingEachRowShowsTheCpuTimeOfItsRequestsAndAWarmRequestAfterAFlush() {
        // first 40 ms of which 30 CPU, warm 10 of which 6; after a flush 18 ms of which 13 (medians of the runs)
        Row get = Row.of("get-participant", GET, false).withPrimed(new PrimedResult("C1 only", List.of(
                new PrimedResult.Run(40_000, 10_000, 500, 50, 20_000, 5, 2, 30_000, 6_000, 18_000, 13_000),
                new PrimedResult.Run(44_000, 11_000, 500, 50, 20_000, 5, 2, 32_000, 7_000, 19_000, 14_000),
                new PrimedResult.Run(36_000, 9_000, 500, 50, 20_000, 5, 2, 28_000, 5_000, 17_000, 12_000)), true));
        Row old = Row.of("get-participant (against)", GET, false).withPrimed(new PrimedResult("C1 only",
                List.of(primed(500, 15, 4)), true));

        String primed = Report.primed(List.of(get, old), get);

        assertThat(primed).contains("| CPU ms, first / warm | warm after a flush ms (CPU) |");
        assertThat(lineOf(primed, "| get-participant |")).contains("| 30.0 / 6.0 | 18.000 (13.0) |");
        assertThat(lineOf(primed, "| get-participant (against) |")).contains("| 15 | 4 | – | – |");
    }

    @Test
    void aRunThatDoesNotSayWhatItsFirstRequestLoadedShowsADash() {
        Row get = Row.of("get-participant", GET, false).withPrimed(new PrimedResult("C1 only",
                List.of(primed(500, 1_312, 21), new PrimedResult.Run(40_000, 10_000, 500, 50, 20_000, -1, -1)), true));

        assertThat(lineOf(Report.primed(List.of(get), get), "| get-participant |")).contains("| – | – |");
    }

    @Test
    void theRatioMarkerIsStrictlyOverTheTarget() {
        assertThat(Report.ratio(1.6, Report.COLD_RATIO_TARGET)).isEqualTo("1.60");
        assertThat(Report.ratio(1.5, 1.5)).isEqualTo("1.50");
        assertThat(Report.ratio(1.51, 1.5)).isEqualTo("1.51 ⚠");
        assertThat(Report.ratio(null, 1.5)).isEqualTo("–");
    }

    private static String lineOf(String report, String start) {
        return report.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow();
    }

    private static PrimedResult.Run primed(long primingMs, long firstClasses, long firstCompileMs) {
        return new PrimedResult.Run(40_000, 10_000, primingMs, 50, 20_000, firstClasses, firstCompileMs);
    }

    private static ColdResult cold(double seconds) {
        long nanos = (long) (seconds * 1e9);
        ColdResult.Run run = new ColdResult.Run(nanos, nanos + 1_000_000, 100 * 1024, 500, 300, 80_000_000, 1_500);
        return new ColdResult("e.json", List.of(run, run, run, run, run), 4000);
    }

    private static WarmResult warm(double p50Ms) {
        long nanos = (long) (p50Ms * 1e6);
        return new WarmResult("the event, repeated", 10_000, nanos, nanos * 3, 400, nanos, nanos, 0, null);
    }

    private static Report.Context context(long zipBytes) {
        Artifact artifact = new Artifact(Path.of("participants-api-lambda.zip"), zipBytes, zipBytes * 2,
                Path.of("task"), List.of());
        return new Report.Context(ZonedDateTime.now(), "Java 17", 2, "CPU", "./bench", BenchOptions.parse(),
                ColdRunner.LAMBDA_JVM, List.of("-Xmx3g"), artifact);
    }
}
