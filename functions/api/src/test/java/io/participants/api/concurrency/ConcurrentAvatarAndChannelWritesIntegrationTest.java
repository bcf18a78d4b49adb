package io.participants.api.concurrency;

import io.micronaut.json.tree.JsonNode;
import io.participants.api.avatars.AvatarStubs;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.Race;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.participants.api.errors.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Avatar syncs and channel edits racing on one participant, through the real handler (Slack and Secrets Manager
 * stubbed, S3 in s3proxy, DynamoDB Local): no accepted change is lost, the final state is one writer's, each loser is
 * told 409 or 412, and the bucket holds exactly the file the participant points to.
 */
class ConcurrentAvatarAndChannelWritesIntegrationTest {

    private static final String PARTICIPANTS = "/v1/tenants/acme/participants";
    private static final String USER = "U0R";
    private static final int WRITERS = 16;

    private static AvatarStubs stubs;
    private static ApiHarness api;
    private static String config;

    private String participant;
    private List<String> keysBefore;

    @BeforeAll
    static void start() {
        stubs = new AvatarStubs();
        api = stubs.harness();
        config = api.request("POST", "/v1/tenants/acme/integrations/configs")
                .jsonBody(Map.of("provider", "SLACK", "name", "Slack")).send().field("id");
    }

    @AfterAll
    static void stop() {
        api.close();
        stubs.close();
    }

    @BeforeEach
    void participantOnSlack() {
        stubs.reset();
        stubs.storeToken("acme", config);
        participant = created(api.request("POST", PARTICIPANTS).jsonBody(Map.of("displayName", "Racer",
                "channels", List.of(channel(USER + UUID.randomUUID().toString().substring(0, 8).toUpperCase()))))
                .send());
        keysBefore = stubs.keys();
    }

    @Test
    void parallelSyncsWriteOneFileARoundAndKeepOnlyTheLatest() throws Exception {
        String address = address(get());
        long version = get().version();
        for (int round = 1; round <= 3; round++) {
            String hash = "race" + round;
            stubs.slackUser(address, hash);
            stubs.serveImage(hash, AvatarStubs.PNG, "image/png");

            List<ApiResponse> syncs = Race.run(IntStream.range(0, WRITERS)
                    .mapToObj(i -> (Callable<ApiResponse>) () -> sync(address)).toList());

            assertAnswers(syncs, 200, 409);
            Set<String> files = syncs.stream().filter(r -> r.status() == 200).map(r -> r.field("avatarFileId"))
                    .collect(Collectors.toSet());
            assertThat(files).as("round " + round + ": one write, every success reports it").hasSize(1);
            ApiResponse after = get();
            assertThat(after.field("avatarFileId")).isEqualTo(files.iterator().next());
            assertThat(after.version()).as("round " + round).isEqualTo(++version);
            assertThat(newKeys()).as("round " + round + ": the losers' and the replaced uploads are gone")
                    .containsExactly("avatars/acme/" + after.field("avatarFileId"));
        }
    }

    @Test
    void syncsRacingRenamesLoseNoAcceptedChange() throws Exception {
        String address = address(get());
        stubs.slackUser(address, "rename-race");
        stubs.serveImage("rename-race", AvatarStubs.PNG, "image/png");
        List<Callable<Named>> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS / 2; i++) {
            writers.add(() -> new Named("sync", sync(address)));
            String name = "Renamed " + i;
            writers.add(() -> new Named(name, api.request("PATCH", PARTICIPANTS + "/" + participant)
                    .jsonBody(Map.of("displayName", name)).send()));
        }

        List<Named> writes = Race.run(writers);

        assertAnswers(writes.stream().map(Named::response).toList(), 200, 409);
        List<Named> renames = writes.stream().filter(w -> !w.name().equals("sync") && w.response().status() == 200)
                .toList();
        Set<String> files = writes.stream().filter(w -> w.name().equals("sync") && w.response().status() == 200)
                .map(w -> w.response().field("avatarFileId")).collect(Collectors.toSet());
        assertThat(files).as("at most one sync wrote").hasSizeLessThanOrEqualTo(1);
        ApiResponse after = get();
        assertThat(after.version()).isEqualTo(1 + renames.size() + files.size());
        String lastRename = renames.stream().max(Comparator.comparingLong(w -> w.response().version()))
                .map(Named::name).orElse("Racer");
        assertThat(after.field("displayName")).isEqualTo(lastRename);
        assertThat(after.field("avatarFileId")).isEqualTo(files.isEmpty() ? null : files.iterator().next());
        assertThat(newKeys()).containsExactlyElementsOf(files.stream().map(f -> "avatars/acme/" + f).toList());
    }

    @Test
    void unconditionalChannelEditsLeaveTheLastWritersChannelAndReleaseTheOthers() throws Exception {
        String prefix = "U0CH" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "X";
        List<Callable<Named>> writers = IntStream.range(0, WRITERS).mapToObj(i -> (Callable<Named>) () ->
                new Named(prefix + i, api.request("PATCH", PARTICIPANTS + "/" + participant)
                        .jsonBody(Map.of("channels", List.of(channel(prefix + i)))).send())).toList();

        List<Named> writes = Race.run(writers);

        assertAnswers(writes.stream().map(Named::response).toList(), 200, 409);
        List<Named> accepted = writes.stream().filter(w -> w.response().status() == 200).toList();
        assertThat(accepted).isNotEmpty();
        String last = accepted.stream().max(Comparator.comparingLong(w -> w.response().version()))
                .map(Named::name).orElseThrow();
        ApiResponse after = get();
        assertThat(after.version()).isEqualTo(1 + accepted.size());
        assertThat(addresses(after)).containsExactly(last);
        for (Named write : writes) {
            ApiResponse claim = api.request("POST", PARTICIPANTS).jsonBody(Map.of("displayName", "Claimer",
                    "channels", List.of(channel(write.name())))).send();
            if (write.name().equals(last)) {
                assertProblem(claim, 409, "channel-claimed");
            } else {
                assertThat(claim.status()).as(write.name() + " was released: " + claim).isEqualTo(201);
            }
        }
    }

    @Test
    void conditionalChannelAdditionsKeepEveryAcceptedChannel() throws Exception {
        String prefix = "U0CC" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "X";
        String original = address(get());
        List<Callable<Named>> writers = IntStream.range(0, WRITERS).mapToObj(i -> (Callable<Named>) () -> {
            ApiResponse read = get();
            List<Map<String, Object>> channels = new ArrayList<>();
            addresses(read).forEach(a -> channels.add(channel(a)));
            channels.add(channel(prefix + i));
            return new Named(prefix + i, api.request("PATCH", PARTICIPANTS + "/" + participant)
                    .header("If-Match", read.header("ETag")).jsonBody(Map.of("channels", channels)).send());
        }).toList();

        List<Named> writes = Race.run(writers);

        assertAnswers(writes.stream().map(Named::response).toList(), 200, 409, 412);
        Set<String> accepted = writes.stream().filter(w -> w.response().status() == 200).map(Named::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(accepted).isNotEmpty();
        ApiResponse after = get();
        assertThat(after.version()).isEqualTo(1 + accepted.size());
        Set<String> expected = new TreeSet<>(accepted);
        expected.add(original);
        assertThat(addresses(after)).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** A writer's name for what it wrote, and the answer it got. */
    private record Named(String name, ApiResponse response) {
    }

    /** Every answer has one of the statuses; the refusals are problems of their own type. */
    private static void assertAnswers(List<ApiResponse> answers, int... allowed) {
        for (ApiResponse answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isIn(IntStream.of(allowed).boxed().toList());
            if (answer.status() == 412) {
                assertProblem(answer, 412, "precondition-failed");
            } else if (answer.status() == 409) {
                assertProblem(answer, 409, "concurrent-modification");
            }
        }
    }

    private ApiResponse sync(String address) {
        return api.request("POST", AvatarStubs.syncPath("acme", participant))
                .jsonBody(AvatarStubs.syncBody(config, address)).send();
    }

    private ApiResponse get() {
        ApiResponse response = api.request("GET", PARTICIPANTS + "/" + participant).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    private List<String> newKeys() {
        return stubs.keysAddedSince(keysBefore);
    }

    private static Map<String, Object> channel(String address) {
        return Map.of("integrationConfigId", config, "address", address);
    }

    private static String created(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.field("id");
    }

    private static String address(ApiResponse participant) {
        return addresses(participant).get(0);
    }

    private static List<String> addresses(ApiResponse participant) {
        List<String> addresses = new ArrayList<>();
        for (JsonNode channel : participant.json().get("channels").values()) {
            addresses.add(channel.get("address").getStringValue());
        }
        return addresses;
    }

}
