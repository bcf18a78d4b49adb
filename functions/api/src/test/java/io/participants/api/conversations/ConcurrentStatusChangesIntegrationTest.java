package io.participants.api.conversations;

import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.Race;
import io.participants.domain.conversation.ParticipantStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import static io.participants.api.conversations.ConversationProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many status changes of one participant at once, by identifier, through the real handler: each is accepted (200),
 * refused by the transition rules (409) or by If-Match (412), never a 5xx, and what is stored is the last accepted
 * change, reached by allowed moves only.
 */
class ConcurrentStatusChangesIntegrationTest {

    private static final List<String> TARGETS = List.of("active", "inactive", "pending", "invited");
    private static final int WRITERS = 24;

    private static ApiHarness api;
    private static Workspace workspace;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        workspace = new Workspace(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** One writer's request and the answer it got. */
    private record Change(String target, boolean conditional, ApiResponse response) {

        long version() {
            return response.version();
        }
    }

    @Test
    void mixedChangesLeaveTheLastAcceptedOneReachedByAllowedMoves() throws Exception {
        String conversation = workspace.conversation("Mixed");
        workspace.addContact(conversation, "emailaddress", "john.doe@example.com", "invited");
        String path = workspace.participant(conversation, "emailaddress", "JOHN.DOE%40example.com");

        List<Change> changes = Race.run(IntStream.range(0, WRITERS).mapToObj(i -> (Callable<Change>) () -> {
            String target = TARGETS.get(i % TARGETS.size());
            boolean conditional = i % 2 == 1;
            var request = workspace.request("PATCH", path).body("{\"status\":\"" + target + "\"}");
            if (conditional) {
                request.header("If-Match", workspace.get(path).header("ETag"));
            }
            return new Change(target, conditional, request.send());
        }).toList());

        Map<Long, String> statusByVersion = new TreeMap<>(Map.of(1L, "invited"));
        for (Change change : changes) {
            ApiResponse response = change.response();
            assertThat(response.status()).as(response.toString()).isIn(200, 409, 412);
            if (response.status() == 200) {
                assertThat(response.field("status")).isEqualTo(change.target());
                String before = statusByVersion.putIfAbsent(change.version(), change.target());
                assertThat(before).as("one status per version").isIn(null, change.target());
            } else if (response.status() == 409) {
                assertProblem(response, 409, "status-transition-not-allowed");
            } else {
                assertThat(change.conditional()).as("412 only with If-Match").isTrue();
                assertProblem(response, 412, "precondition-failed");
            }
        }

        ApiResponse stored = workspace.get(path);
        long version = stored.version();
        // Each change answers its own writer 200 with the version it made, so versions above 1 count the changes.
        Set<Long> changed = new TreeSet<>(statusByVersion.keySet());
        changed.remove(1L);
        assertThat(changed).as("every change was acknowledged").isNotEmpty()
                .containsExactlyElementsOf(LongRange.of(2, version));
        assertThat(version).isEqualTo(1 + changed.size());
        assertThat(stored.field("status")).isEqualTo(statusByVersion.get(version));
        for (long v = 2; v <= version; v++) {
            ParticipantStatus from = ParticipantStatus.parse(statusByVersion.get(v - 1)).orElseThrow();
            ParticipantStatus to = ParticipantStatus.parse(statusByVersion.get(v)).orElseThrow();
            assertThat(from.next()).as("version %d: %s -> %s", v, from, to).contains(to);
        }
    }

    @Test
    void ofWritersHoldingTheSameVersionExactlyOneWins() throws Exception {
        String conversation = workspace.conversation("Same version");
        workspace.addContact(conversation, "phonenumber", "+14155550100", "invited");
        String path = workspace.participant(conversation, "phonenumber", "%2B14155550100");
        List<String> targets = List.of("pending", "active", "inactive");

        List<Change> changes = Race.run(IntStream.range(0, WRITERS).mapToObj(i -> (Callable<Change>) () -> {
            String target = targets.get(i % targets.size());
            return new Change(target, true, workspace.request("PATCH", path).header("If-Match", "\"1\"")
                    .body("{\"status\":\"" + target + "\"}").send());
        }).toList());

        List<Change> accepted = changes.stream().filter(c -> c.response().status() == 200).toList();
        assertThat(accepted).hasSize(1);
        for (Change change : changes) {
            if (change.response().status() != 200) {
                assertProblem(change.response(), 412, "precondition-failed");
            }
        }
        ApiResponse stored = workspace.get(path);
        assertThat(stored.header("ETag")).isEqualTo("\"2\"");
        assertThat(stored.field("status")).isEqualTo(accepted.get(0).target());
    }

    @Test
    void theSameMemberAddedAtOnceIsCreatedOnce() throws Exception {
        String conversation = workspace.conversation("Simultaneous adds");

        List<ApiResponse> adds = Race.run(IntStream.range(0, WRITERS).mapToObj(i -> (Callable<ApiResponse>) () ->
                workspace.add(conversation, Workspace.contact("emailaddress",
                        i % 2 == 0 ? "same@example.com" : "SAME@example.com", null))).toList());

        assertThat(adds).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 201));
        assertThat(adds).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(adds).extracting(r -> r.field("id")).containsOnly(adds.get(0).field("id"));
        assertThat(workspace.get(workspace.participants(conversation)).json().get("results").size()).isEqualTo(1);
    }

    /** The versions a participant passes through: from, from + 1, ... to. */
    private static final class LongRange {

        private LongRange() {
        }

        static List<Long> of(long from, long to) {
            List<Long> values = new ArrayList<>();
            for (long v = from; v <= to; v++) {
                values.add(v);
            }
            return values;
        }
    }
}
