package io.participants.bench;

import io.participants.api.FunctionCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void defaultsMeasureEveryDeployableFiveTimesAndTenThousandRequests() {
        BenchOptions options = BenchOptions.parse();

        assertThat(options.runs()).isEqualTo(5);
        assertThat(options.requests()).isEqualTo(10_000);
        assertThat(options.warmup()).isEqualTo(2_000);
        assertThat(options.only()).isEqualTo(FunctionCatalog.deployables());
        assertThat(options.skipCold()).isFalse();
        assertThat(options.skipWarm()).isFalse();
    }

    @Test
    void onlyKeepsCatalogOrder() {
        BenchOptions options = BenchOptions.parse("--only", "sync-participant-avatar, get-participant", "--skip-warm",
                "--runs", "7");

        assertThat(options.only()).containsExactly("get-participant", "sync-participant-avatar");
        assertThat(options.skipWarm()).isTrue();
        assertThat(options.runs()).isEqualTo(7);
    }

    @Test
    void aCaseNamesTheEventsToMeasureWith() {
        assertThat(BenchOptions.parse().eventCase()).isNull();
        assertThat(BenchOptions.parse("--case", "idempotency-key").eventCase()).isEqualTo("idempotency-key");
        assertThatThrownBy(() -> BenchOptions.parse("--case")).hasMessageContaining("needs a value");
    }

    @Test
    void fewerRunsOrRequestsThanTheMinimumAreRefused() {
        assertThatThrownBy(() -> BenchOptions.parse("--runs", "4")).hasMessageContaining("at least 5");
        assertThatThrownBy(() -> BenchOptions.parse("--requests", "9999")).hasMessageContaining("at least 10000");
    }

    @Test
    void unknownDeployablesOptionsAndEmptyRunsAreRefused() {
        assertThatThrownBy(() -> BenchOptions.parse("--only", "get-participant,nope")).hasMessageContaining("nope");
        assertThatThrownBy(() -> BenchOptions.parse("--fast")).hasMessageContaining("--fast");
        assertThatThrownBy(() -> BenchOptions.parse("--runs")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchOptions.parse("--skip-warm", "--skip-cold"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
