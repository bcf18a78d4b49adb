package io.participants.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.participants.bench.launcher.LambdaLauncher;
import io.participants.bench.launcher.crac.Core;
import org.crac.Context;
import org.crac.Resource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    void aTrainingRequestForTheBaselineNamesNoStoredResource() {
        var event = new APIGatewayV2HTTPEvent();
        String tenant = "5b1c2a5e-0000-4000-8000-000000000001";
        String participant = "7d9e4c2a-0000-4000-8000-000000000002";
        event.setRawPath("/v1/tenants/" + tenant + "/participants/" + participant);
        event.setPathParameters(new HashMap<>(Map.of("tenantId", tenant, "participantId",
                participant)));

        LambdaLauncher.missingResource(event);

        assertThat(event.getPathParameters()).containsEntry("tenantId", tenant)
                .doesNotContainEntry("participantId", participant);
        assertThat(event.getRawPath()).isEqualTo("/v1/tenants/" + tenant + "/participants/"
                + event.getPathParameters().get("participantId"));
    }

    @Test
    void checkpointHooksRegisteredThroughOrgCracRunAroundTheSnapshot() throws Exception {
        // what the launcher sets before the handler loads org.crac; this JVM's org.crac reads it once
        System.setProperty("org.crac.Core.Compat", LambdaLauncher.CRAC_COMPAT);
        List<String> calls = new ArrayList<>();
        Resource hook = new Resource() {
            @Override
            public void beforeCheckpoint(Context<? extends Resource> context) {
                calls.add("before");
            }

            @Override
            public void afterRestore(Context<? extends Resource> context) {
                calls.add("after");
            }
        };
        org.crac.Core.getGlobalContext().register(hook);

        Core.checkpoint();

        assertThat(calls).containsExactly("before", "after");
    }

    @Test
    void theBaselineWritesJsonStrings() {
        assertThat(BaselineHandler.quote("Ada \"A\" \\ \n\u0001")).isEqualTo("\"Ada \\\"A\\\" \\\\ \\n\\u0001\"");
        assertThat(BaselineHandler.quote(null)).isEqualTo("null");
    }
}
