package io.participants.api.faults;

import io.participants.api.faults.FaultInjector.Fault;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.LambdaContexts;
import io.participants.api.testing.LocalDynamo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.participants.api.errors.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DynamoDB throttling and failures injected at the client, through the real handler: the SDK retries a bounded,
 * jittered number of times, a fault that outlasts them is a 503 problem with Retry-After that stored nothing, and no
 * attempt starts once the invocation has no time left to answer.
 */
class DynamoDbFaultsIntegrationTest {

    private static final FaultInjector WRITES = new FaultInjector("DynamoDb",
            Set.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems"));
    private static final FaultInjector READS = new FaultInjector("DynamoDb",
            Set.of("GetItem", "Query", "BatchGetItem"));
    /** The SDK's attempts per call (ClientBudgets.MAX_ATTEMPTS). */
    private static final int MAX_ATTEMPTS = 3;

    private static ApiHarness api;
    private static String participant;

    @BeforeAll
    static void start() {
        api = ApiHarness.start(Map.of(), WRITES, READS);
        participant = api.request("POST", "/v1/tenants/acme/participants")
                .jsonBody(Map.of("displayName", "Ada")).send().field("id");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @AfterEach
    void heal() {
        WRITES.heal();
        READS.heal();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aFaultShorterThanTheRetriesIsAbsorbed(Fault fault) {
        WRITES.fail(fault, MAX_ATTEMPTS - 1);

        ApiResponse created = api.request("POST", "/v1/tenants/acme/participants")
                .jsonBody(Map.of("displayName", "Grace " + fault)).send();

        assertThat(created.status()).isEqualTo(201);
        assertThat(WRITES.attempts()).isEqualTo(MAX_ATTEMPTS);
        WRITES.heal();
        assertThat(api.request("GET", "/v1/tenants/acme/participants/" + created.field("id")).send().status())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aWriteFaultThatOutlastsTheRetriesIsA503ThatStoredNothing(Fault fault) {
        List<Map<String, AttributeValue>> before = scan();
        WRITES.fail(fault, Integer.MAX_VALUE);

        ApiResponse created = api.request("POST", "/v1/tenants/acme/participants")
                .jsonBody(Map.of("displayName", "Katherine", "agentIds", List.of("agent-1"))).send();
        ApiResponse patched = api.request("PATCH", "/v1/tenants/acme/participants/" + participant)
                .header("Content-Type", "application/merge-patch+json")
                .jsonBody(Map.of("displayName", "Ada King")).send();

        for (ApiResponse response : List.of(created, patched)) {
            assertProblem(response, 503, "service-unavailable");
            assertThat(response.header("Retry-After")).isEqualTo("1");
        }
        assertThat(WRITES.attempts()).as("two calls, each bounded").isEqualTo(2 * MAX_ATTEMPTS);
        assertThat(scan()).isEqualTo(before);
    }

    @Test
    void anUnavailableReadIsA503AfterBoundedAttempts() {
        READS.fail(Fault.UNAVAILABLE, Integer.MAX_VALUE);

        ApiResponse response = api.request("GET", "/v1/tenants/acme/participants/" + participant).send();

        assertProblem(response, 503, "service-unavailable");
        assertThat(READS.attempts()).isEqualTo(MAX_ATTEMPTS);
    }

    @Test
    void noAttemptStartsOnceTheInvocationHasNoTimeLeft() {
        ApiResponse response = api.send(api.request("GET", "/v1/tenants/acme/participants/" + participant).event(),
                LambdaContexts.invocation(200));

        assertProblem(response, 503, "service-unavailable");
        assertThat(READS.attempts()).isZero();
    }

    @Test
    void retriesStopAtTheInvocationsDeadlineRatherThanAtTheirCount() {
        // each throttled answer takes 250 ms: with 700 ms left (400 ms after the reserve) a second attempt may start,
        // a third never can, whatever the jittered backoff between them
        READS.failSlowly(Fault.THROTTLED, Integer.MAX_VALUE, Duration.ofMillis(250));
        ApiResponse response = api.send(api.request("GET", "/v1/tenants/acme/participants/" + participant).event(),
                LambdaContexts.invocation(700));

        assertProblem(response, 503, "service-unavailable");
        assertThat(READS.attempts()).isBetween(1, MAX_ATTEMPTS - 1);
    }

    private static List<Map<String, AttributeValue>> scan() {
        return LocalDynamo.client().scanPaginator(ScanRequest.builder().tableName(api.table()).consistentRead(true)
                        .build()).items().stream()
                .sorted(Comparator.comparing((Map<String, AttributeValue> item) -> item.get("PK").s())
                        .thenComparing(item -> item.get("SK").s()))
                .toList();
    }
}
