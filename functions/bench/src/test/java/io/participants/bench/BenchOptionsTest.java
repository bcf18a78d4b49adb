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
        assertThat(options.aot()).isFalse();
        assertThat(options.profile()).isFalse();
        assertThat(options.afterPriming()).isFalse();
        assertThat(options.coldPhase()).isTrue();
        assertThat(options.warmPhase()).isTrue();
    }

    @Test
    void aotAddsCachedStartsToTheColdOnes() {
        BenchOptions options = BenchOptions.parse("--aot", "--skip-warm", "--runs", "5");

        assertThat(options.aot()).isTrue();
        assertThat(options.coldPhase()).isTrue();
        assertThat(options.warmPhase()).isFalse();
        assertThat(options.only()).isEqualTo(FunctionCatalog.deployables());
        assertThatThrownBy(() -> BenchOptions.parse("--aot", "--skip-cold")).hasMessageContaining("--skip-cold");
    }

    @Test
    void profileRunsAloneOnTheTwoProfiledDeployablesUnlessToldWhich() {
        BenchOptions options = BenchOptions.parse("--profile");

        assertThat(options.profile()).isTrue();
        assertThat(options.only()).containsExactly("get-participant", "sync-participant-avatar");
        assertThat(options.coldPhase()).isFalse();
        assertThat(options.warmPhase()).isFalse();
        assertThat(BenchOptions.parse("--profile", "--only", "list-participants").only())
                .containsExactly("list-participants");
        // nothing else is measured, so skipping both phases is no error here
        assertThat(BenchOptions.parse("--profile", "--skip-warm", "--skip-cold").profile()).isTrue();
    }

    @Test
    void afterPrimingRunsAloneOnEveryDeployable() {
        BenchOptions options = BenchOptions.parse("--after-priming", "--runs", "6");

        assertThat(options.afterPriming()).isTrue();
        assertThat(options.runs()).isEqualTo(6);
        assertThat(options.only()).isEqualTo(FunctionCatalog.deployables());
        assertThat(options.coldPhase()).isFalse();
        assertThat(options.warmPhase()).isFalse();
    }

    @Test
    void againstNamesAnotherZipForTheColdStarts() {
        BenchOptions options = BenchOptions.parse("--against", "before.zip", "--skip-warm");

        assertThat(options.against()).isAbsolute().hasFileName("before.zip");
        assertThat(BenchOptions.parse().against()).isNull();
        assertThatThrownBy(() -> BenchOptions.parse("--against", "before.zip", "--skip-cold"))
                .hasMessageContaining("cold starts");
        assertThat(BenchOptions.parse("--after-priming", "--against", "before.zip").against())
                .hasFileName("before.zip");
        assertThatThrownBy(() -> BenchOptions.parse("--profile", "--against", "before.zip"))
                .hasMessageContaining("cold starts");
    }

    @Test
    void theNewModesDoNotMix() {
        assertThatThrownBy(() -> BenchOptions.parse("--profile", "--aot")).hasMessageContaining("alone");
        assertThatThrownBy(() -> BenchOptions.parse("--profile", "--after-priming")).hasMessageContaining("alone");
        assertThatThrownBy(() -> BenchOptions.parse("--after-priming", "--aot")).hasMessageContaining("alone");
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
