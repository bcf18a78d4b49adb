package io.participants.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of the report: a deployable (or the baseline), its event and what was measured of it.
 *
 * @param stubbed  whether it reaches WireMock on loopback (Secrets Manager, and Slack for some)
 * @param cold     null when not run or failed
 * @param coldAot  the cold starts with a JDK AOT cache ({@code --aot}), null when not run or failed
 * @param warm     null when not run or failed
 * @param primed   what SnapStart leaves, one per JIT setting ({@code --after-priming})
 * @param profile  where the time of a cold start goes ({@code --profile}), null when not run
 * @param failures why a phase has no figures
 */
public record Row(String name, EventFile event, boolean stubbed, ColdResult cold, ColdResult coldAot,
                  WarmResult warm, List<PrimedResult> primed, Profile profile, List<String> failures) {

    public static final String BASELINE = "baseline";

    public Row {
        primed = List.copyOf(primed);
        failures = List.copyOf(failures);
    }

    public static Row of(String name, EventFile event, boolean stubbed) {
        return new Row(name, event, stubbed, null, null, null, List.of(), null, List.of());
    }

    public Row withCold(ColdResult result) {
        return new Row(name, event, stubbed, result, coldAot, warm, primed, profile, failures);
    }

    public Row withColdAot(ColdResult result) {
        return new Row(name, event, stubbed, cold, result, warm, primed, profile, failures);
    }

    public Row withWarm(WarmResult result) {
        return new Row(name, event, stubbed, cold, coldAot, result, primed, profile, failures);
    }

    public Row withPrimed(PrimedResult result) {
        List<PrimedResult> all = new ArrayList<>(primed);
        all.add(result);
        return new Row(name, event, stubbed, cold, coldAot, warm, all, profile, failures);
    }

    public Row withProfile(Profile result) {
        return new Row(name, event, stubbed, cold, coldAot, warm, primed, result, failures);
    }

    public Row withFailure(String failure) {
        List<String> all = new ArrayList<>(failures);
        all.add(failure);
        return new Row(name, event, stubbed, cold, coldAot, warm, primed, profile, all);
    }

    public boolean failed() {
        return !failures.isEmpty();
    }
}
