package io.participants.api.concurrency;

import com.fasterxml.jackson.databind.JsonNode;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.LocalDynamo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bind and a PATCH adding the participant's first Microsoft Teams channel, each landing between the other's read
 * and write (the other's write is sent from a hook on the DynamoDB client, just before this one's goes out): the
 * later write fails its condition, reads again and issues the new (agent, channel) pair's key, so no pair is left
 * without one. And {@code :rotateWebhooks} gives a pair without a key its first.
 */
class ConcurrentBindAndTeamsChannelIntegrationTest {

    private static final String PARTICIPANTS = "/v1/tenants/acme/participants";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static final Interleaving HOOK = new Interleaving();
    private static ApiHarness api;
    private static String teams;

    @BeforeAll
    static void start() {
        api = ApiHarness.start(Map.of(), HOOK);
        teams = api.request("POST", "/v1/tenants/acme/integrations/configs")
                .jsonBody(Map.of("provider", "MICROSOFT_TEAMS", "name", "Contoso Teams")).send().field("id");
    }

    @AfterAll
    static void stop() {
        api.close();
        HOOK.close();
    }

    @Test
    void aPatchAddingTheFirstTeamsChannelBetweenABindsReadAndWriteMakesTheBindIssueTheKey() {
        String id = create("Bind read first");
        AtomicReference<ApiResponse> patched = new AtomicReference<>();
        HOOK.beforeNext(Interleaving::isFastBind, () -> patched.set(addTeamsChannel(id)));

        ApiResponse bound = api.request("PUT", PARTICIPANTS + "/" + id + "/bindings/agent-1").send();

        assertThat(patched.get().status()).as(String.valueOf(patched.get())).isEqualTo(200);
        // the bind's conditional write failed; read again, it issued the pair's key and shows it once
        assertThat(bound.status()).as(bound.toString()).isEqualTo(200);
        JsonNode issued = tree(bound).get("channelActivations");
        assertThat(issued).hasSize(1);
        assertThat(issued.get(0).get("agentId").asText()).isEqualTo("agent-1");
        assertThat(issued.get(0).get("webhookUrl").asText()).contains("key=whk_");
        assertEveryPairHasItsKey(id, 1);
    }

    @Test
    void aBindBetweenAPatchsReadAndWriteMakesThePatchIssueTheKey() {
        String id = create("Patch read first");
        AtomicReference<ApiResponse> bound = new AtomicReference<>();
        HOOK.beforeNext(Interleaving::isParticipantTransaction, () -> bound.set(
                api.request("PUT", PARTICIPANTS + "/" + id + "/bindings/agent-1").send()));

        ApiResponse patched = addTeamsChannel(id);

        assertThat(bound.get().status()).as(String.valueOf(bound.get())).isEqualTo(204);
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonNode issued = tree(patched).get("channelActivations");
        assertThat(issued).hasSize(1);
        assertThat(issued.get(0).get("webhookUrl").asText()).contains("key=whk_");
        assertEveryPairHasItsKey(id, 1);
    }

    @Test
    void rotateWebhooksIssuesAFirstKeyForAPairThatLacksOne() {
        String id = create("Repaired");
        assertThat(addTeamsChannel(id).status()).isEqualTo(200);
        ApiResponse bound = api.request("PUT", PARTICIPANTS + "/" + id + "/bindings/agent-1").send();
        String prefix = tree(bound).get("channelActivations").get(0).get("webhookKeyPrefix").asText();
        // a pair left without a key, as the race above used to leave one
        LocalDynamo.client().deleteItem(d -> d.tableName(api.table()).key(Map.of(
                "PK", AttributeValue.fromS("T#acme"), "SK", AttributeValue.fromS("WEBHOOK#" + prefix))));
        LocalDynamo.client().updateItem(u -> u.tableName(api.table()).key(Map.of(
                        "PK", AttributeValue.fromS("T#acme"), "SK", AttributeValue.fromS("CLAIM#" + teams + "#" + userOf(id))))
                .updateExpression("REMOVE #k").expressionAttributeNames(Map.of("#k", "bindingKey#agent-1")));
        assertThat(webhookItems(id)).isZero();

        ApiResponse rotated = api.request("POST", PARTICIPANTS + "/" + id + ":rotateWebhooks").send();

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        JsonNode repaired = tree(rotated).get("channelActivations");
        assertThat(repaired).hasSize(1);
        String url = repaired.get(0).get("webhookUrl").asText();
        assertThat(url).contains("key=whk_");
        assertEveryPairHasItsKey(id, 1);
        // the new key works: Graph's handshake is echoed
        ApiResponse echoed = api.request("POST", java.net.URI.create(url).getRawPath()).anonymous()
                .query("key", url.substring(url.indexOf("key=") + 4)).query("validationToken", "hello").send();
        assertThat(echoed.status()).as(echoed.toString()).isEqualTo(200);
        // rotating again replaces that key, as before
        ApiResponse again = api.request("POST", PARTICIPANTS + "/" + id + ":rotateWebhooks").send();
        assertThat(tree(again).get("channelActivations")).hasSize(1);
        assertEveryPairHasItsKey(id, 1);
    }

    private static String create(String name) {
        return api.request("POST", PARTICIPANTS).jsonBody(Map.of("displayName", name)).send().field("id");
    }

    /** Adds a Teams channel of its own (an Entra ID user) to the participant. */
    private static ApiResponse addTeamsChannel(String id) {
        return api.request("PATCH", PARTICIPANTS + "/" + id).jsonBody(Map.of("channels",
                List.of(Map.of("integrationConfigId", teams, "address", userOf(id))))).send();
    }

    private static String userOf(String participantId) {
        return java.util.UUID.nameUUIDFromBytes(participantId.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    /** Every activation of the participant has a key prefix, and the table holds exactly its key items. */
    private static void assertEveryPairHasItsKey(String id, int pairs) {
        JsonNode activations = tree(api.request("GET", PARTICIPANTS + "/" + id).send()).get("channelActivations");
        assertThat(activations).hasSize(pairs);
        activations.forEach(a -> assertThat(a.get("webhookKeyPrefix").asText()).as(a.toString()).startsWith("whk_"));
        assertThat(webhookItems(id)).isEqualTo(pairs);
    }

    private static long webhookItems(String participantId) {
        return LocalDynamo.client().scan(s -> s.tableName(api.table())).items().stream()
                .filter(i -> i.get("SK").s().startsWith("WEBHOOK#") && i.containsKey("participantId")
                        && i.get("participantId").s().equals(participantId)).count();
    }

    private static JsonNode tree(ApiResponse response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Runs another request, on a thread of its own and to its end, just before the next DynamoDB write that matches
     * (once): that request lands between the read and the write of the one that sent it.
     */
    public static final class Interleaving implements ExecutionInterceptor, AutoCloseable {

        private final AtomicReference<Predicate<SdkRequest>> match = new AtomicReference<>();
        private final AtomicReference<Runnable> between = new AtomicReference<>();
        private final ExecutorService other = Executors.newSingleThreadExecutor();

        void beforeNext(Predicate<SdkRequest> write, Runnable request) {
            between.set(request);
            match.set(write);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            Predicate<SdkRequest> write = match.get();
            if (write == null || !write.test(context.request()) || !match.compareAndSet(write, null)) {
                return;
            }
            try {
                other.submit(between.getAndSet(null)).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** A bind's write without a read of the version: the participant's ADD of the agent. */
        static boolean isFastBind(SdkRequest request) {
            return request instanceof TransactWriteItemsRequest tx && tx.transactItems().stream()
                    .anyMatch(i -> i.update() != null && i.update().updateExpression().startsWith("ADD agentIds"));
        }

        /** A write of the whole participant item with its claims (a create's or PATCH's). */
        static boolean isParticipantTransaction(SdkRequest request) {
            return request instanceof TransactWriteItemsRequest tx && tx.transactItems().stream()
                    .anyMatch(i -> i.put() != null && i.put().item().get("SK").s().startsWith("PARTICIPANT#")
                            && i.put().item().containsKey("channels"));
        }

        @Override
        public void close() {
            other.shutdownNow();
        }
    }
}
