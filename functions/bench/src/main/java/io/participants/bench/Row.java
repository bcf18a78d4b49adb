package io.participants.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of the report: a deployable (or the baseline), its event and what was measured of it.
 *
 * @param stubbed  whether it reaches WireMock on loopback (Secrets Manager, and Slack for some)
 * @param cold     null when not run or failed
 * @param warm     null when not run or failed
 * @param failures why a phase has no figures
 */
public record Row(String name, EventFile event, boolean stubbed, ColdResult cold, WarmResult warm,
                  List<String> failures) {

    public static final String BASELINE = "baseline";

    public Row {
        failures = List.copyOf(failures);
    }

    public static Row of(String name, EventFile event, boolean stubbed) {
        return new Row(name, event, stubbed, null, null, List.of());
    }

    public Row withCold(ColdResult result) {
        return new Row(name, event, stubbed, result, warm, failures);
    }

    public Row withWarm(WarmResult result) {
        return new Row(name, event, stubbed, cold, result, failures);
    }

    public Row withFailure(String failure) {
        List<String> all = new ArrayList<>(failures);
        all.add(failure);
        return new Row(name, event, stubbed, cold, warm, all);
    }

    public boolean failed() {
        return !failures.isEmpty();
    }
}
