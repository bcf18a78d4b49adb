package io.participants.api.priming;

import io.participants.api.FunctionCatalog;
import io.participants.api.avatars.AvatarStubs;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.AwsCallRecorder;
import io.participants.api.testing.LocalDynamo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * SnapStart priming of every deployable through the real handler: each of its routes answers as expected (a success
 * wherever the canned table holds the route's kind), and the table and the avatar bucket are exactly as they were.
 */
class RoutePrimingIntegrationTest {

    /** What each route answers its priming request, and so how far into the route the request went. */
    private static final Map<String, Integer> EXPECTED = PrimingSendsNothingIntegrationTest.EXPECTED;

    private static final String WORKSPACE = "6f1c2a5e-0000-4000-8000-00000000ab01";

    private static AvatarStubs stubs;

    @BeforeAll
    static void start() {
        stubs = new AvatarStubs();
        stubs.storeAppSecrets();
    }

    @AfterAll
    static void stop() {
        stubs.close();
    }

    @TestFactory
    Stream<DynamicTest> everyDeployableIsPrimedWithoutChangingStoredData() {
        return FunctionCatalog.deployables().stream().map(deployable -> dynamicTest(deployable, () -> {
            try (ApiHarness api = stubs.harness(AvatarStubs.guards(),
                    Map.of(FunctionCatalog.FUNCTION_PROPERTY, deployable))) {
                seed(api);
                List<Map<String, AttributeValue>> tableBefore = scan(api.table());
                List<String> objectsBefore = stubs.keys();

                // with the bean context, as the Lambda's hook: the controllers built and the SDK's warm-up run too
                // the harness's untagged avatar store commits with a HeadObject, no call of the deployed function
                List<RoutePriming.Primed> primed = AwsCallRecorder.during(deployable, true, () -> new RoutePriming(
                        deployable, "tenant_id", api.handler()::handleRequest, api.context()).prime());

                assertThat(primed).extracting(RoutePriming.Primed::function)
                        .containsExactlyElementsOf(FunctionCatalog.servedBy(deployable).stream()
                                .map(FunctionCatalog.Function::name).toList());
                for (RoutePriming.Primed route : primed) {
                    assertThat(route.status()).as(route.function()).isEqualTo(EXPECTED.get(route.function()));
                }
                assertThat(scan(api.table())).isEqualTo(tableBefore);
                assertThat(stubs.keys()).isEqualTo(objectsBefore);
            }
        }));
    }

    /** A tenant with a participant, a config and a conversation, so that "unchanged" compares something. */
    private static void seed(ApiHarness api) {
        try (ApiHarness all = ApiHarness.startOn(api.table())) {
            all.request("POST", "/v1/tenants/acme/integrations/configs")
                    .jsonBody(Map.of("provider", "EMAIL", "name", "Mail")).send();
            all.request("POST", "/v1/tenants/acme/participants")
                    .jsonBody(Map.of("displayName", "Ada", "agentIds", List.of("agent-1"))).send();
            all.request("POST", "/workspaces/" + WORKSPACE + "/conversations").tenant(WORKSPACE)
                    .jsonBody(Map.of("name", "Order 1042")).send();
        }
        assertThat(scan(api.table())).hasSizeGreaterThanOrEqualTo(3);
    }

    private static List<Map<String, AttributeValue>> scan(String table) {
        return LocalDynamo.client().scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())
                .items().stream()
                .sorted(Comparator.comparing((Map<String, AttributeValue> item) -> item.get("PK").s())
                        .thenComparing(item -> item.get("SK").s()))
                .toList();
    }
}
