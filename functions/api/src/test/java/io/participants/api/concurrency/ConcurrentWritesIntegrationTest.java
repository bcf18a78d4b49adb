package io.participants.api.concurrency;

import io.micronaut.json.tree.JsonNode;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.Race;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import static io.participants.api.errors.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many writers on one participant at once, through the real handler from a fixed pool of threads: every accepted
 * write is visible afterwards, the refused ones were told so (412 or 409), and nothing answers 5xx.
 */
class ConcurrentWritesIntegrationTest {

    private static final String PARTICIPANTS = "/v1/tenants/acme/participants";
    private static final int WRITERS = 24;

    private static ApiHarness api;
    private static String slackConfig;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        slackConfig = api.request("POST", "/v1/tenants/acme/integrations/configs")
                .jsonBody(Map.of("provider", "SLACK", "name", "Slack")).send().field("id");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void conditionalPatchesLetExactlyTheAcceptedChangesThrough() throws Exception {
        String id = create("Conditional");
        List<Callable<Write>> writers = IntStream.range(0, WRITERS).mapToObj(i -> (Callable<Write>) () -> {
            ApiResponse read = get(id);
            Set<String> agents = new TreeSet<>(agentIds(read));
            agents.add("writer-" + i);
            ApiResponse written = api.request("PATCH", PARTICIPANTS + "/" + id).header("If-Match", read.header("ETag"))
                    .jsonBody(Map.of("agentIds", List.copyOf(agents))).send();
            return new Write("writer-" + i, written);
        }).toList();

        List<Write> writes = Race.run(writers);

        Set<String> accepted = accepted(writes, 200, 412, 409);
        assertThat(accepted).isNotEmpty();
        ApiResponse result = get(id);
        assertThat(result.version()).isEqualTo(1 + accepted.size());
        assertThat(agentIds(result)).containsExactlyInAnyOrderElementsOf(accepted);
        for (Write write : writes) {
            assertThat(listedFor(write.agent()).contains(id)).as(write.agent()).isEqualTo(accepted.contains(write.agent()));
        }
    }

    @Test
    void conditionalWritersThatRetryOnAFailedPreconditionAllGetThrough() throws Exception {
        String id = create("Retrying");
        List<Callable<Write>> writers = IntStream.range(0, WRITERS).mapToObj(i -> (Callable<Write>) () -> {
            for (int attempt = 0; attempt < 500; attempt++) {
                ApiResponse read = get(id);
                Set<String> agents = new TreeSet<>(agentIds(read));
                agents.add("retry-" + i);
                ApiResponse written = api.request("PATCH", PARTICIPANTS + "/" + id)
                        .header("If-Match", read.header("ETag")).jsonBody(Map.of("agentIds", List.copyOf(agents)))
                        .send();
                if (written.status() != 412 && written.status() != 409) {
                    return new Write("retry-" + i, written);
                }
            }
            throw new AssertionError("retry-" + i + " never got through");
        }).toList();

        List<Write> writes = Race.run(writers);

        assertThat(accepted(writes, 200)).hasSize(WRITERS);
        ApiResponse result = get(id);
        assertThat(result.version()).isEqualTo(1 + WRITERS);
        assertThat(agentIds(result)).hasSize(WRITERS);
    }

    @Test
    void unconditionalWritersLoseNoAcceptedChange() throws Exception {
        String id = create("Unconditional");
        List<Callable<Write>> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS / 2; i++) {
            String agent = "bound-" + i;
            writers.add(() -> new Write(agent,
                    api.request("PUT", PARTICIPANTS + "/" + id + "/bindings/" + agent).send()));
            String name = "Renamed by " + i;
            writers.add(() -> new Write(name,
                    api.request("PATCH", PARTICIPANTS + "/" + id).jsonBody(Map.of("displayName", name)).send()));
        }

        List<Write> writes = Race.run(writers);

        Set<String> accepted = accepted(writes, 204, 200, 409);
        Set<String> boundAgents = new TreeSet<>(accepted);
        boundAgents.removeIf(name -> !name.startsWith("bound-"));
        ApiResponse result = get(id);
        assertThat(result.version()).isEqualTo(1 + accepted.size());
        assertThat(agentIds(result)).containsExactlyInAnyOrderElementsOf(boundAgents);
        // The last accepted rename is the one whose answer carried the highest version.
        String lastRename = writes.stream().filter(w -> w.response().status() == 200)
                .max((a, b) -> Long.compare(a.response().version(), b.response().version()))
                .map(Write::agent).orElse("Unconditional");
        assertThat(result.field("displayName")).isEqualTo(lastRename);
        for (String agent : boundAgents) {
            assertThat(listedFor(agent)).as(agent).containsExactly(id);
        }
    }

    @Test
    void unconditionalBindingsOfDistinctAgentsAreAllKept() throws Exception {
        String id = create("Bindings");
        List<Callable<Write>> writers = IntStream.range(0, WRITERS).mapToObj(i -> (Callable<Write>) () ->
                new Write("agent-" + i, api.request("PUT", PARTICIPANTS + "/" + id + "/bindings/agent-" + i).send()))
                .toList();

        List<Write> writes = Race.run(writers);

        Set<String> accepted = accepted(writes, 204, 409);
        ApiResponse result = get(id);
        assertThat(agentIds(result)).containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(result.version()).isEqualTo(1 + accepted.size());
    }

    @Test
    void twoParticipantsRacingForOneChannelLeaveItWithExactlyOne() throws Exception {
        for (int round = 0; round < 10; round++) {
            Map<String, Object> channel = Map.of("integrationConfigId", slackConfig, "address", "U0RACE" + round);
            List<Callable<Write>> racers = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            if (round % 2 == 0) {
                // Two existing participants each patch the channel in.
                for (int i = 0; i < 2; i++) {
                    String id = create("Patcher " + round + "-" + i);
                    ids.add(id);
                    racers.add(() -> new Write(id, api.request("PATCH", PARTICIPANTS + "/" + id)
                            .jsonBody(Map.of("channels", List.of(channel))).send()));
                }
            } else {
                // Two new participants are created with it.
                for (int i = 0; i < 2; i++) {
                    String name = "Creator " + round + "-" + i;
                    racers.add(() -> new Write(name, api.request("POST", PARTICIPANTS)
                            .jsonBody(Map.of("displayName", name, "channels", List.of(channel))).send()));
                }
            }

            List<Write> writes = Race.run(racers);

            List<Write> winners = writes.stream().filter(w -> w.response().status() / 100 == 2).toList();
            List<Write> losers = writes.stream().filter(w -> w.response().status() / 100 != 2).toList();
            assertThat(winners).as("round " + round + ": " + writes).hasSize(1);
            assertThat(losers.get(0).response().status()).as(losers.get(0).toString()).isEqualTo(409);
            assertProblem(losers.get(0).response(), 409, losers.get(0).response().field("type")
                    .substring("urn:problem-type:participants:".length()));
            String winner = winners.get(0).response().field("id");
            assertThat(get(winner).json().get("channels").size()).isEqualTo(1);
            for (String id : ids) {
                if (!id.equals(winner)) {
                    assertThat(get(id).json().get("channels").size()).as("loser " + id).isZero();
                }
            }
            assertProblem(api.request("POST", PARTICIPANTS)
                    .jsonBody(Map.of("displayName", "Late", "channels", List.of(channel))).send(), 409,
                    "channel-claimed");
        }
    }

    /** A writer's name for what it changed, and the answer it got. */
    private record Write(String agent, ApiResponse response) {
    }

    /** The names of the writes answered with the first status; every answer must be one of {@code allowed}. */
    private static Set<String> accepted(List<Write> writes, int... allowed) {
        Set<Integer> statuses = new HashSet<>();
        for (int status : allowed) {
            statuses.add(status);
        }
        Set<String> accepted = new TreeSet<>();
        for (Write write : writes) {
            int status = write.response().status();
            assertThat(statuses).as(write.toString()).contains(status);
            if (status >= 400) {
                assertProblem(write.response(), status, status == 412 ? "precondition-failed"
                        : write.response().field("type").substring("urn:problem-type:participants:".length()));
            } else {
                accepted.add(write.agent());
            }
        }
        return accepted;
    }

    private static String create(String name) {
        ApiResponse created = api.request("POST", PARTICIPANTS).jsonBody(Map.of("displayName", name)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }

    private static ApiResponse get(String id) {
        ApiResponse response = api.request("GET", PARTICIPANTS + "/" + id).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }


    private static List<String> agentIds(ApiResponse participant) {
        List<String> ids = new ArrayList<>();
        for (JsonNode agent : participant.json().get("agentIds").values()) {
            ids.add(agent.getStringValue());
        }
        return ids;
    }

    private static List<String> listedFor(String agentId) {
        ApiResponse page = api.request("GET", PARTICIPANTS).query("agentId", agentId).query("limit", "100").send();
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.json().get("results").values().forEach(n -> ids.add(n.get("id").getStringValue()));
        return ids;
    }
}
