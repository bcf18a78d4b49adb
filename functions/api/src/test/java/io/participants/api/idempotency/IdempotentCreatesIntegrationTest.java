package io.participants.api.idempotency;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.participants.api.events.EventWorld;
import io.participants.api.faults.FaultInjector;
import io.participants.api.faults.FaultInjector.Fault;
import io.participants.api.secrets.MutableClock;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiRequest;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.LocalDynamo;
import io.participants.api.testing.OpenApiContract;
import io.participants.api.testing.Race;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static io.participants.api.errors.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@code Idempotency-Key} on the three creates, through the real handler over DynamoDB Local: a replay is the first
 * answer byte for byte and writes nothing; another request under the key is 422; a request still running is 409
 * with Retry-After; a refused or failed create leaves no record; keys are per tenant and live 24 hours.
 */
class IdempotentCreatesIntegrationTest {

    /** Every write the handler attempts, counted; never failed. */
    private static final FaultInjector WRITES = new FaultInjector("DynamoDb",
            Set.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem"));
    /** The create's own write with its completion. */
    private static final FaultInjector COMMIT = new FaultInjector("DynamoDb", Set.of("TransactWriteItems"));
    /** The delete of the record a failed create held. */
    private static final FaultInjector RELEASE = new FaultInjector("DynamoDb", Set.of("DeleteItem"));
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    private static final String KEY = "Idempotency-Key";

    private static ApiHarness api;

    /** One of the three creates: its route, a body it accepts, another it accepts, and one its rules refuse. */
    enum Create {
        PARTICIPANT("/v1/tenants/%s/participants", "PARTICIPANT#", "{\"displayName\":\"Ada Lovelace\"}",
                "{\"displayName\":\"Grace Hopper\"}", "{\"displayName\":\"\"}", 400, "invalid-request"),
        INTEGRATION_CONFIG("/v1/tenants/%s/integrations/configs", "CONFIG#",
                "{\"provider\":\"EMAIL\",\"name\":\"Support mailbox\"}",
                "{\"provider\":\"SMS\",\"name\":\"Support mailbox\"}", "{\"provider\":\"FAX\",\"name\":\"Fax\"}",
                400, "invalid-request"),
        CONVERSATION("/workspaces/%s/conversations", "CONVERSATION#", "{\"name\":\"Order 1042\"}",
                "{\"name\":\"Order 1043\"}", "{\"name\":\" \"}", 422, "validation-failed");

        final String path;
        final String itemPrefix;
        final String body;
        final String otherBody;
        final String refusedBody;
        final int invalidStatus;
        final String invalidType;

        Create(String path, String itemPrefix, String body, String otherBody, String refusedBody, int invalidStatus,
               String invalidType) {
            this.path = path;
            this.itemPrefix = itemPrefix;
            this.body = body;
            this.otherBody = otherBody;
            this.refusedBody = refusedBody;
            this.invalidStatus = invalidStatus;
            this.invalidType = invalidType;
        }

        /** A tenant of its own for one test: a UUID workspace, or a directory tenant. */
        String newTenant() {
            return this == CONVERSATION ? UUID.randomUUID().toString()
                    : "t" + UUID.randomUUID().toString().substring(0, 8);
        }

        ApiRequest request(String tenant, String body) {
            ApiRequest request = api.request("POST", path.formatted(tenant)).tenant(tenant).body(body);
            return this == CONVERSATION ? request.scopes("conversations:read", "conversations:write") : request;
        }

        ApiResponse send(String tenant, String body, String key) {
            ApiRequest request = request(tenant, body);
            return key == null ? request.send() : request.header(KEY, key).send();
        }

        long resources(String tenant) {
            return items(tenant, itemPrefix);
        }
    }

    @BeforeAll
    static void start() {
        api = ApiHarness.start(Map.of(), WRITES, COMMIT, RELEASE, CLOCK);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @AfterEach
    void heal() {
        COMMIT.heal();
        RELEASE.heal();
        WRITES.heal();
    }

    @ParameterizedTest
    @EnumSource(Create.class)
    void aReplayIsTheFirstAnswerByteForByteAndWritesNothing(Create create) {
        String tenant = create.newTenant();
        String key = UUID.randomUUID().toString();
        ApiResponse first = create.send(tenant, create.body, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        WRITES.heal();

        // the draft's structured-field string and Stripe's bare value are the same key
        ApiResponse replay = create.send(tenant, create.body, "\"" + key + "\"");

        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(first.body());
        for (String header : List.of("Location", "ETag", "Content-Type")) {
            assertThat(replay.header(header)).as(header).isEqualTo(first.header(header));
        }
        assertThat(first.header("Location")).endsWith("/" + first.field("id"));
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(WRITES.attempts()).as("the claim, refused with the stored answer, and nothing else").isEqualTo(1);
        assertThat(create.resources(tenant)).isEqualTo(1);
        assertThat(records(tenant)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Create.class)
    void aKeyCostsOneExtraConditionalWriteAndNoKeyNone(Create create) {
        String tenant = create.newTenant();
        assertThat(create.send(tenant, create.body, null).status()).isEqualTo(201);
        assertThat(WRITES.attempts()).as("a create without a key").isEqualTo(1);
        assertThat(records(tenant)).isZero();
        WRITES.heal();

        assertThat(create.send(tenant, create.body, UUID.randomUUID().toString()).status()).isEqualTo(201);
        assertThat(WRITES.attempts()).as("the claim, then the create with its answer in one transaction")
                .isEqualTo(2);
        assertThat(create.resources(tenant)).isEqualTo(2);
        assertThat(records(tenant)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Create.class)
    void anotherBodyUnderTheKeyIs422AndWritesNothing(Create create) {
        String tenant = create.newTenant();
        String key = UUID.randomUUID().toString();
        ApiResponse first = create.send(tenant, create.body, key);
        WRITES.heal();

        ApiResponse other = create.send(tenant, create.otherBody, key);
        // the same JSON value, spelled with other bytes, is another body
        ApiResponse respaced = create.send(tenant, create.body.replace(":", ": "), key);

        assertProblem(other, 422, "idempotency-key-reused");
        assertProblem(respaced, 422, "idempotency-key-reused");
        assertThat(WRITES.attempts()).as("the two refused claims").isEqualTo(2);
        assertThat(create.resources(tenant)).isEqualTo(1);
        assertThat(create.send(tenant, create.body, key).body()).as("the record is unchanged").isEqualTo(first.body());
    }

    @Test
    void theSameKeyOnAnotherRouteIsAnotherRequest() {
        String tenant = Create.PARTICIPANT.newTenant();
        String key = UUID.randomUUID().toString();
        assertThat(Create.PARTICIPANT.send(tenant, Create.PARTICIPANT.body, key).status()).isEqualTo(201);

        assertProblem(Create.INTEGRATION_CONFIG.send(tenant, Create.INTEGRATION_CONFIG.body, key), 422,
                "idempotency-key-reused");
        assertThat(Create.INTEGRATION_CONFIG.resources(tenant)).isZero();
    }

    @ParameterizedTest
    @EnumSource(Create.class)
    void concurrentDuplicatesCreateExactlyOneResource(Create create) throws Exception {
        String tenant = create.newTenant();
        String key = UUID.randomUUID().toString();
        List<Callable<ApiResponse>> duplicates = new ArrayList<>();
        for (int i = 0; i < 3 * Race.THREADS; i++) {
            duplicates.add(() -> create.send(tenant, create.body, key));
        }

        List<ApiResponse> answers = Race.run(duplicates);

        assertThat(create.resources(tenant)).isEqualTo(1);
        Set<String> bodies = new HashSet<>();
        int inProgress = 0;
        for (ApiResponse answer : answers) {
            if (answer.status() == 201) {
                bodies.add(answer.body());
            } else {
                assertProblem(answer, 409, "idempotency-key-in-use");
                assertThat(Long.parseLong(answer.header("Retry-After"))).isBetween(1L, 10L);
                inProgress++;
            }
        }
        assertThat(bodies).as("every 201 is the one create's answer").hasSize(1);
        assertThat(inProgress).isLessThan(answers.size());
        assertThat(create.send(tenant, create.body, key).body()).isEqualTo(bodies.iterator().next());
    }

    @ParameterizedTest
    @EnumSource(Create.class)
    void aRecordInProgressIs409UntilItsLeaseRunsOut(Create create) {
        String tenant = create.newTenant();
        String key = UUID.randomUUID().toString();
        // an invocation that died after its claim: its create and its clean-up both failed
        COMMIT.fail(Fault.UNAVAILABLE, Integer.MAX_VALUE);
        RELEASE.fail(Fault.UNAVAILABLE, Integer.MAX_VALUE);
        assertProblem(create.send(tenant, create.body, key), 503, "service-unavailable");
        COMMIT.heal();
        RELEASE.heal();
        assertThat(records(tenant)).isEqualTo(1);

        ApiResponse running = create.send(tenant, create.body, key);

        assertProblem(running, 409, "idempotency-key-in-use");
        // the lease lasts the 10 s invocation (less the time kept back for the answer)
        assertThat(Long.parseLong(running.header("Retry-After"))).isBetween(9L, 10L);
        assertThat(create.resources(tenant)).isZero();

        CLOCK.advance(Duration.ofSeconds(10));
        ApiResponse after = create.send(tenant, create.body, key);

        assertThat(after.status()).as(after.toString()).isEqualTo(201);
        assertThat(create.resources(tenant)).isEqualTo(1);
        assertThat(create.send(tenant, create.body, key).body()).isEqualTo(after.body());
    }

    @ParameterizedTest
    @EnumSource(Create.class)
    void aKeyOlderThan24HoursIsNew(Create create) {
        String tenant = create.newTenant();
        String key = UUID.randomUUID().toString();
        ApiResponse first = create.send(tenant, create.body, key);

        CLOCK.advance(Duration.ofHours(24).plusSeconds(1));
        // neither replayed nor compared: the expired record counts as absent though the TTL sweep has not run
        ApiResponse later = create.send(tenant, create.otherBody, key);

        assertThat(later.status()).as(later.toString()).isEqualTo(201);
        assertThat(later.field("id")).isNotEqualTo(first.field("id"));
        assertThat(later.header("Idempotent-Replayed")).isNull();
        assertThat(create.resources(tenant)).isEqualTo(2);
        assertThat(records(tenant)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Create.class)
    void aRequestRefusedByValidationStoresNothingAndTheKeyThenWorks(Create create) {
        String tenant = create.newTenant();
        String key = UUID.randomUUID().toString();

        assertProblem(create.send(tenant, create.refusedBody, key), create.invalidStatus, create.invalidType);

        assertThat(records(tenant)).isZero();
        assertThat(create.resources(tenant)).isZero();
        ApiResponse corrected = create.send(tenant, create.body, key);
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
    }

    @Test
    void aCreateRefusedForAClaimedChannelStoresNoRecord() {
        String tenant = Create.PARTICIPANT.newTenant();
        String config = Create.INTEGRATION_CONFIG.send(tenant, Create.INTEGRATION_CONFIG.body, null).field("id");
        String withChannel = "{\"displayName\":\"%s\",\"channels\":[{\"integrationConfigId\":\"" + config
                + "\",\"address\":\"%s\"}]}";
        assertThat(Create.PARTICIPANT.send(tenant, withChannel.formatted("Ada", "ada@example.com"), null).status())
                .isEqualTo(201);
        String key = UUID.randomUUID().toString();

        assertProblem(Create.PARTICIPANT.send(tenant, withChannel.formatted("Grace", "ada@example.com"), key), 409,
                "channel-claimed");

        assertThat(records(tenant)).isZero();
        ApiResponse corrected = Create.PARTICIPANT.send(tenant, withChannel.formatted("Grace", "grace@example.com"),
                key);
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
        assertThat(Create.PARTICIPANT.resources(tenant)).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Create.class)
    void keysArePerTenant(Create create) {
        String one = create.newTenant();
        String two = create.newTenant();
        String key = UUID.randomUUID().toString();

        ApiResponse first = create.send(one, create.body, key);
        ApiResponse second = create.send(two, create.body, key);

        assertThat(List.of(first.status(), second.status())).containsExactly(201, 201);
        assertThat(second.header("Idempotent-Replayed")).isNull();
        assertThat(second.field("id")).isNotEqualTo(first.field("id"));
        assertThat(List.of(create.resources(one), create.resources(two), records(one), records(two)))
                .containsExactly(1L, 1L, 1L, 1L);
    }

    @ParameterizedTest
    @EnumSource(Create.class)
    void aFailedCreateLeavesNeitherResourceNorRecordAndARetrySucceeds(Create create) {
        String tenant = create.newTenant();
        String key = UUID.randomUUID().toString();
        COMMIT.fail(Fault.THROTTLED, Integer.MAX_VALUE);

        assertProblem(create.send(tenant, create.body, key), 503, "service-unavailable");

        assertThat(create.resources(tenant)).isZero();
        assertThat(records(tenant)).isZero();
        COMMIT.heal();
        ApiResponse retried = create.send(tenant, create.body, key);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(create.resources(tenant)).isEqualTo(1);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> invalidKeys() {
        List<org.junit.jupiter.params.provider.Arguments> cases = new ArrayList<>();
        Map<String, String> keys = Map.of(
                "empty", "",
                "empty quoted string", "\"\"",
                "256 characters", "k".repeat(256),
                "256 characters quoted", "\"" + "k".repeat(256) + "\"",
                "non-ASCII", "clé-1",
                "a tab inside", "a\tb",
                "repeated (the gateway joins with a comma)", "key-1,key-2",
                "repeated, quoted", "\"key-1\", \"key-2\"",
                "trailing characters", "\"key-1\"x",
                "unterminated", "\"key-1");
        for (Create create : Create.values()) {
            keys.forEach((what, key) -> cases.add(arguments(create, what, key)));
        }
        cases.add(arguments(Create.PARTICIPANT, "an unknown escape", "\"key\\n1\""));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidKeys")
    void aMalformedKeyIsInvalidInputNamingTheHeaderAndStoresNothing(Create create, String what, String key) {
        String tenant = create.newTenant();

        ApiResponse refused = create.send(tenant, create.body, key);

        assertProblem(refused, create.invalidStatus, create.invalidType, KEY);
        assertThat(WRITES.attempts()).isZero();
        assertThat(create.resources(tenant)).isZero();
    }

    @Test
    void aKeyOf255PrintableCharactersWithEscapedQuotesIsAccepted() {
        String tenant = Create.PARTICIPANT.newTenant();
        String longest = "~".repeat(255);
        String escaped = "\"say \\\"hi\\\" \\\\ bye\"";

        assertThat(Create.PARTICIPANT.send(tenant, Create.PARTICIPANT.body, longest).status()).isEqualTo(201);
        assertThat(Create.PARTICIPANT.send(tenant, Create.PARTICIPANT.body, escaped).status()).isEqualTo(201);
        assertThat(Create.PARTICIPANT.send(tenant, Create.PARTICIPANT.body, "say \"hi\" \\ bye")
                .header("Idempotent-Replayed")).as("the unescaped key is the same key").isEqualTo("true");
        assertThat(records(tenant)).isEqualTo(2);
    }

    @Test
    void aControlCharacterInTheKeyIsRefusedBeforeRoutingLikeInAnyHeader() {
        String tenant = Create.CONVERSATION.newTenant();

        assertProblem(Create.CONVERSATION.send(tenant, Create.CONVERSATION.body, "key\u0001"), 400,
                "invalid-request");
        assertThat(WRITES.attempts()).isZero();
    }

    @Test
    void theEventFileSentTwiceAnswersItsFirstAnswerAgain() {
        EventWorld.seed(LocalDynamo.client(), api.table());
        Path file = eventsFolder().resolve("participants/create-participant.201.idempotency-key.json");

        ApiResponse first = api.send(EventLoader.loadApiGatewayHttpEvent(file.toString()));
        ApiResponse again = api.send(EventLoader.loadApiGatewayHttpEvent(file.toString()));

        assertThat(List.of(first.status(), again.status())).containsExactly(201, 201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void theOpenApiDocumentGivesTheHeaderAnd409And422ToTheThreeCreatesOnly() {
        Set<String> creates = Set.of("createParticipant", "createIntegrationConfig", "createConversation");
        for (OpenApiContract.Route route : OpenApiContract.routes()) {
            var operation = route.operation();
            boolean documented = operation.getParameters() != null && operation.getParameters().stream()
                    .anyMatch(p -> p.getName().equals(KEY) && p.getIn().equals("header")
                            && "string".equals(p.getSchema().getType()));
            assertThat(documented).as(route.toString()).isEqualTo(creates.contains(route.operationId()));
            if (documented) {
                assertThat(operation.getResponses()).as(route.toString()).containsKeys("201", "409", "422");
                assertThat(operation.getResponses().get("409").getHeaders()).containsKey("Retry-After");
            }
        }
    }

    private static Path eventsFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolve("events");
            }
        }
        throw new IllegalStateException("no events/ folder above " + Path.of("").toAbsolutePath());
    }

    /** Items of {@code tenant}'s partition whose sort key starts with {@code prefix}, read consistently. */
    static long items(String tenant, String prefix) {
        return LocalDynamo.client().query(q -> q.tableName(api.table())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("T#" + tenant),
                        ":prefix", AttributeValue.fromS(prefix)))
                .consistentRead(true)).count();
    }

    static long records(String tenant) {
        return items(tenant, "IDEMPOTENCY#");
    }
}
