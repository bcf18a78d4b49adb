package io.participants.bench;

import io.participants.bench.launcher.LambdaLauncher;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The small contracts between the harness and what it starts or sends. */
class ChildProtocolTest {

    @Test
    void theResultLineIsReadField() {
        var fields = ColdRunner.fields("RESULT status=201 rssPeakKb=171234 initMs=1246 invokeMs=1107 responseBytes=9");

        assertThat(fields).containsEntry("status", "201").containsEntry("rssPeakKb", "171234")
                .containsEntry("initMs", "1246").containsEntry("invokeMs", "1107");
        assertThat(ColdRunner.fields(null)).isEmpty();
    }

    @Test
    void theLauncherReadsThePeakResidentSetOfItsJvm() {
        long kb = LambdaLauncher.peakRssKb();

        assertThat(kb).isGreaterThan(10_000);
    }

    @Test
    void poolItemsHaveDistinctIds() {
        Set<UUID> ids = IntStream.range(0, 20_000).mapToObj(WarmRequests::poolId).collect(Collectors.toSet());

        assertThat(ids).hasSize(20_000);
        assertThat(WarmRequests.poolId(0).version()).isEqualTo(7);
    }

    @Test
    void theBaselineWritesJsonStrings() {
        assertThat(BaselineHandler.quote("Ada \"A\" \\ \n\u0001")).isEqualTo("\"Ada \\\"A\\\" \\\\ \\n\\u0001\"");
        assertThat(BaselineHandler.quote(null)).isEqualTo("null");
    }
}
