package io.participants.api.autosync;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.participants.api.FunctionCatalog;
import io.participants.api.avatars.AvatarStubs;
import io.participants.api.changes.ChangeEvent;
import io.participants.api.changes.ChangeEventsHandler;
import io.participants.api.changes.StreamRecords;
import io.participants.api.changes.TableStreamReader;
import io.participants.api.dynamodb.DynamoAvatarSyncSchedule;
import io.participants.api.secrets.MutableClock;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.AwsCallRecorder;
import io.participants.api.testing.LambdaContexts;
import io.participants.api.testing.LocalDynamo;
import io.participants.api.testing.LocalS3;
import io.participants.api.testing.Race;
import io.participants.api.testing.SqsStandIn;
import io.participants.domain.avatar.AvatarSyncService;
import io.participants.domain.common.ConflictException;
import io.participants.domain.common.TenantId;
import io.participants.domain.integration.IntegrationConfigStore;
import io.participants.domain.integration.Provider;
import io.participants.domain.participant.Channel;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auto-sync end to end below the queue: the sweep's Query of the due index and its messages (to an SQS stand-in,
 * through the real SDK client), the worker's Lambda handler on those messages with the real sync service over
 * DynamoDB Local, s3proxy and a Slack stand-in (WireMock), and the change events its writes make.
 */
class AutoSyncIntegrationTest {

    private static final String TENANT = "acme";
    private static final Duration INTERVAL = Duration.ofHours(24);
    private static final Duration SIX_HOURS = Duration.ofHours(6);

    private static AvatarStubs stubs;
    private static ApiHarness api;
    private static SqsStandIn sqs;
    private static DynamoAvatarSyncSchedule schedule;
    private static ParticipantStore participants;
    private static IntegrationConfigStore configs;
    private static AvatarSyncService syncs;
    private static String config;

    private MutableClock clock;
    private AvatarSyncWorkerHandler worker;

    @BeforeAll
    static void start() {
        stubs = new AvatarStubs();
        api = stubs.harness();
        sqs = new SqsStandIn();
        schedule = new DynamoAvatarSyncSchedule(api.context().getBean(DynamoDbClient.class), api.table());
        participants = api.context().getBean(ParticipantStore.class);
        configs = api.context().getBean(IntegrationConfigStore.class);
        syncs = api.context().getBean(AvatarSyncService.class);
        config = api.request("POST", "/v1/tenants/" + TENANT + "/integrations/configs")
                .jsonBody(Map.of("provider", "SLACK", "name", "Slack " + UUID.randomUUID())).send().field("id");
    }

    @AfterAll
    static void stop() {
        api.close();
        sqs.close();
        stubs.close();
    }

    @BeforeEach
    void freshWorker() {
        stubs.reset();
        stubs.storeToken(TENANT, config);
        sqs.reset();
        clock = new MutableClock(Instant.now());
        worker = workerWith(INTERVAL);
    }

    // the sweep

    @Test
    void theSweepQueuesExactlyTheDueParticipantsEarliestFirst() {
        String table = LocalDynamo.newTable();
        DynamoAvatarSyncSchedule own = new DynamoAvatarSyncSchedule(api.context().getBean(DynamoDbClient.class),
                table);
        long now = 1_800_000_000_000L;
        UUID early = scheduled(own, Provider.SLACK, now - 60_000);
        UUID exactlyNow = scheduled(own, Provider.SLACK, now);
        scheduled(own, Provider.SLACK, now + 1);
        scheduled(own, Provider.SLACK, now + INTERVAL.toMillis());
        UUID telegram = scheduled(own, Provider.TELEGRAM, now - 1);

        int queued = sweep(own, Clock.fixed(Instant.ofEpochMilli(now), java.time.ZoneOffset.UTC),
                AutoSyncSweep.PERIOD);

        assertThat(queued).isEqualTo(3);
        assertThat(sqs.sent()).extracting(sent -> SyncRequest.parse(sent.body()).participantId())
                .containsExactly(early, exactlyNow, telegram);
        assertThat(sqs.sent()).extracting(sent -> SyncRequest.parse(sent.body()).reason())
                .containsOnly(SyncRequest.SCHEDULE);
    }

    @Test
    void aSweepHandsOutAtMostOnePeriodAtTheProvidersPaceSpreadOverThePeriod() {
        String table = LocalDynamo.newTable();
        DynamoAvatarSyncSchedule own = new DynamoAvatarSyncSchedule(api.context().getBean(DynamoDbClient.class),
                table);
        long now = 1_800_000_000_000L;
        List<UUID> due = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            due.add(scheduled(own, Provider.SLACK, now - 5_000 + i));
        }
        Clock at = Clock.fixed(Instant.ofEpochMilli(now), java.time.ZoneOffset.UTC);
        // Slack's pace is 80 a minute: a 3-second period is a budget of 4, three quarters of a second apart
        Duration period = Duration.ofSeconds(3);

        assertThat(sweep(own, at, period)).isEqualTo(ProviderPace.budget(Provider.SLACK, period)).isEqualTo(4);
        assertThat(sqs.sent()).extracting(sent -> SyncRequest.parse(sent.body()).participantId())
                .containsExactlyElementsOf(due.subList(0, 4));
        assertThat(ProviderPace.delayOf(Provider.SLACK, 3)).isEqualTo(Duration.ofMillis(2250));

        sqs.reset();
        // nobody synced them yet: the next run finds the same earliest ones again (and the fifth)
        assertThat(sweep(own, at, Duration.ofMinutes(1))).isEqualTo(5);
    }

    // the worker

    @Test
    void theWorkerSyncsAParticipantWithAutoSyncAndSchedulesItsNextSync() {
        String user = newUser();
        String participant = createFollowing(user);
        stubs.slackUser(user, "0a1b2c01");
        stubs.serveImage("0a1b2c01", AvatarStubs.PNG, "image/png");

        SQSBatchResponse answer = deliver(message(participant, SyncRequest.CHANGE));

        assertThat(answer.getBatchItemFailures()).isEmpty();
        ApiResponse read = get(participant);
        assertThat(read.field("avatarSource")).isEqualTo("CHANNEL_SYNC");
        assertThat(read.field("avatarSourceAddress")).isEqualTo(user);
        assertThat(stubs.keys()).contains("avatars/" + TENANT + "/" + read.field("avatarFileId"));
        long now = clock.millis();
        assertThat(dueIds(now + INTERVAL.toMillis() - 1)).doesNotContain(UUID.fromString(participant));
        assertThat(dueIds(now + INTERVAL.toMillis())).contains(UUID.fromString(participant));
    }

    @Test
    void aConfigsOwnIntervalSchedulesItsFollowersTheOthersKeepTheDeploymentsUntilItIsCleared() {
        String sixHourly = createConfig("PT6H");
        stubs.storeToken(TENANT, sixHourly);
        String userA = newUser();
        String userB = newUser();
        String onSix = createFollowing(userA, sixHourly);
        String onDefault = createFollowing(userB, config);
        stubs.slackUser(userA, "0a1b2c0a");
        stubs.serveImage("0a1b2c0a", AvatarStubs.PNG, "image/png");
        stubs.slackUser(userB, "0a1b2c0b");
        stubs.serveImage("0a1b2c0b", AvatarStubs.PNG, "image/png");

        assertThat(deliver(message(onSix, SyncRequest.CHANGE), message(onDefault, SyncRequest.CHANGE))
                .getBatchItemFailures()).isEmpty();

        long now = clock.millis();
        UUID six = UUID.fromString(onSix);
        UUID daily = UUID.fromString(onDefault);
        assertThat(dueIds(now + SIX_HOURS.toMillis() - 1)).doesNotContain(six, daily);
        assertThat(dueIds(now + SIX_HOURS.toMillis())).contains(six).doesNotContain(daily);
        assertThat(dueIds(now + INTERVAL.toMillis() - 1)).doesNotContain(daily);
        assertThat(dueIds(now + INTERVAL.toMillis())).contains(daily);

        // cleared: the next sync of its follower schedules the deployment's interval again
        ApiResponse cleared = api.request("PATCH", "/v1/tenants/" + TENANT + "/integrations/configs/" + sixHourly)
                .header("content-type", "application/merge-patch+json").body("{\"avatarSyncInterval\": null}").send();
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        clock.advance(SIX_HOURS);
        assertThat(deliver(message(onSix, SyncRequest.SCHEDULE)).getBatchItemFailures()).isEmpty();
        long later = clock.millis();
        assertThat(dueIds(later + SIX_HOURS.toMillis())).doesNotContain(six);
        assertThat(dueIds(later + INTERVAL.toMillis() - 1)).doesNotContain(six);
        assertThat(dueIds(later + INTERVAL.toMillis())).contains(six);
    }

    @Test
    void theLeaseFollowsTheEffectiveIntervalNotTheDeploymentsShortOne() {
        // local mode's short default (seconds) with a config of its own: that config's followers hold the full lease
        Duration seconds = Duration.ofSeconds(10);
        worker = workerWith(seconds);
        String sixHourly = createConfig("PT6H");
        stubs.storeToken(TENANT, sixHourly);
        String userA = newUser();
        String userB = newUser();
        String onSix = createFollowing(userA, sixHourly);
        String onDefault = createFollowing(userB, config);
        stubs.slackUser(userA, "0a1b2c0c");
        stubs.serveImage("0a1b2c0c", AvatarStubs.PNG, "image/png");
        stubs.slackUser(userB, "0a1b2c0d");
        stubs.serveImage("0a1b2c0d", AvatarStubs.PNG, "image/png");
        assertThat(deliver(message(onSix, SyncRequest.CHANGE), message(onDefault, SyncRequest.CHANGE))
                .getBatchItemFailures()).isEmpty();
        long now = clock.millis();
        assertThat(dueIds(now + seconds.toMillis())).contains(UUID.fromString(onDefault))
                .doesNotContain(UUID.fromString(onSix));
        assertThat(dueIds(now + SIX_HOURS.toMillis())).contains(UUID.fromString(onSix));

        // another message for each while the lease is held: each waits for its own lease
        SQSEvent.SQSMessage again = message(onSix, SyncRequest.CHANGE);
        SQSEvent.SQSMessage againDefault = message(onDefault, SyncRequest.CHANGE);
        assertThat(deliver(again, againDefault).getBatchItemFailures()).hasSize(2);
        assertThat(sqs.visibilityChanges()).containsExactlyInAnyOrder(
                Map.entry(again.getReceiptHandle(), (int) AutoSyncWorker.LEASE.toSeconds()),
                Map.entry(againDefault.getReceiptHandle(), (int) seconds.toSeconds()));
        assertThat(AutoSyncWorker.lease(SIX_HOURS)).isEqualTo(AutoSyncWorker.LEASE);
        assertThat(AutoSyncWorker.lease(seconds)).isEqualTo(seconds);
    }

    @Test
    void aChannelWhoseConfigIsGoneOrSetsNoneGetsTheDeploymentsInterval() {
        AutoSyncWorker own = new AutoSyncWorker(participants, configs, syncs, schedule, clock, Duration.ofHours(3));
        TenantId acme = new TenantId(TENANT);
        assertThat(own.intervalOf(acme, new Channel(UUID.randomUUID(), "U0GONE0001", 0, null, false,
                Provider.SLACK))).isEqualTo(Duration.ofHours(3));
        assertThat(own.intervalOf(acme, new Channel(UUID.fromString(config), "U0NONE0001", 0, null, false,
                Provider.SLACK))).isEqualTo(Duration.ofHours(3));
        String sixHourly = createConfig("PT6H");
        assertThat(own.intervalOf(acme, new Channel(UUID.fromString(sixHourly), "U0SIX00001", 0, null, false,
                Provider.SLACK))).isEqualTo(SIX_HOURS);
        // another tenant's config of the same id is not this tenant's
        assertThat(own.intervalOf(new TenantId("globex"), new Channel(UUID.fromString(sixHourly), "U0SIX00001", 0,
                null, false, Provider.SLACK))).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void anUnchangedImageCostsOneSmallWriteAndNoUpload() {
        String user = newUser();
        String participant = createFollowing(user);
        stubs.slackUser(user, "0a1b2c02");
        stubs.serveImage("0a1b2c02", AvatarStubs.PNG, "image/png");
        assertThat(deliver(message(participant, SyncRequest.CHANGE)).getBatchItemFailures()).isEmpty();
        ApiResponse synced = get(participant);
        List<String> keys = stubs.keys();
        TableStreamReader stream = new TableStreamReader(LocalDynamo.streamsClient(),
                LocalDynamo.streamArn(api.table()), ShardIteratorType.LATEST);
        stream.read();

        clock.advance(INTERVAL);
        assertThat(deliver(message(participant, SyncRequest.SCHEDULE)).getBatchItemFailures()).isEmpty();

        assertThat(get(participant).header("ETag")).isEqualTo(synced.header("ETag"));
        assertThat(stubs.keys()).isEqualTo(keys);
        List<Record> writes = stream.read();
        assertThat(writes).as("writes of the second sync").hasSize(1);
        assertThat(writes.get(0).dynamodb().keys().get("SK").s()).startsWith("AVATARSYNC#");
        assertThat(writes.get(0).dynamodb().sizeBytes()).isLessThan(1024);
    }

    @Test
    void aRateLimitStormDelaysEachMessageByItsRetryAfterThenEverySyncCompletes() {
        List<String> users = new ArrayList<>();
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String user = newUser();
            users.add(user);
            messages.add(message(createFollowing(user), SyncRequest.SCHEDULE));
            stubs.slackAnswers(user, aResponse().withStatus(429).withHeader("Retry-After", "30"));
        }

        SQSBatchResponse stormy = deliver(messages.toArray(SQSEvent.SQSMessage[]::new));

        assertThat(stormy.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyElementsOf(messages.stream().map(SQSEvent.SQSMessage::getMessageId).toList());
        assertThat(sqs.visibilityChanges()).extracting(Map.Entry::getKey)
                .containsExactlyElementsOf(messages.stream().map(SQSEvent.SQSMessage::getReceiptHandle).toList());
        assertThat(sqs.visibilityChanges()).extracting(Map.Entry::getValue).allSatisfy(seconds ->
                assertThat(seconds).isBetween(30, 40));

        // the storm is over when the queue delivers the messages again
        for (String user : users) {
            stubs.slackUser(user, "5e" + user.substring(1, 7).toLowerCase(java.util.Locale.ROOT));
            stubs.serveImage("5e" + user.substring(1, 7).toLowerCase(java.util.Locale.ROOT), AvatarStubs.PNG,
                    "image/png");
        }
        clock.advance(Duration.ofSeconds(30));
        SQSBatchResponse calm = deliver(messages.toArray(SQSEvent.SQSMessage[]::new));

        assertThat(calm.getBatchItemFailures()).isEmpty();
        for (SQSEvent.SQSMessage message : messages) {
            ApiResponse read = get(SyncRequest.parse(message.getBody()).participantId().toString());
            assertThat(read.field("avatarSource")).isEqualTo("CHANNEL_SYNC");
        }
    }

    @Test
    void aMessageThatIsNoSyncRequestIsAFailedItemEveryTimeSoTheQueueDeadLettersIt() {
        List<SQSEvent.SQSMessage> poison = List.of(raw("not json"), raw("{}"),
                raw("{\"tenant\":\"acme\",\"participantId\":\"nope\"}"), raw("[1,2,3]"), raw(null));

        for (int receive = 1; receive <= 3; receive++) {
            SQSBatchResponse answer = deliver(poison.toArray(SQSEvent.SQSMessage[]::new));
            assertThat(answer.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                    .containsExactlyElementsOf(poison.stream().map(SQSEvent.SQSMessage::getMessageId).toList());
        }
        // no delay of their own: the queue's visibility timeout, then its redrive policy (AvatarRefresh)
        assertThat(sqs.visibilityChanges()).isEmpty();
    }

    @Test
    void anUploadedAvatarIsNeverReplacedAndItsProviderNeverAsked() {
        String user = newUser();
        String participant = createFollowing(user);
        stubs.slackUser(user, "0a1b2c03");
        stubs.serveImage("0a1b2c03", AvatarStubs.PNG, "image/png");
        ApiResponse uploaded = api.request("PUT", "/v1/tenants/" + TENANT + "/participants/" + participant
                + "/avatar").header("content-type", "image/png")
                .base64Body(Base64.getEncoder().encodeToString(AvatarStubs.PNG)).send();
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);

        assertThat(deliver(message(participant, SyncRequest.CHANGE)).getBatchItemFailures()).isEmpty();
        clock.advance(INTERVAL);
        assertThat(deliver(message(participant, SyncRequest.SCHEDULE)).getBatchItemFailures()).isEmpty();

        ApiResponse read = get(participant);
        assertThat(read.field("avatarSource")).isEqualTo("UPLOADED");
        assertThat(read.field("avatarFileId")).isEqualTo(uploaded.field("avatarFileId"));
        assertThat(read.header("ETag")).isEqualTo(uploaded.header("ETag"));
        stubs.slack().verify(0, getRequestedFor(urlPathEqualTo("/api/users.info"))
                .withQueryParam("user", equalTo(user)));
    }

    @Test
    void twoWorkersOnOneParticipantSyncItOnceTheOtherWaitsForTheLease() throws Exception {
        String user = newUser();
        String participant = createFollowing(user);
        stubs.slackUser(user, "0a1b2c04");
        stubs.serveImage("0a1b2c04", AvatarStubs.PNG, "image/png");
        List<SQSEvent.SQSMessage> copies = List.of(message(participant, SyncRequest.CHANGE),
                message(participant, SyncRequest.CHANGE), message(participant, SyncRequest.SCHEDULE));

        List<SQSBatchResponse> answers = Race.run(copies.stream()
                .map(m -> (Callable<SQSBatchResponse>) () -> deliver(m)).toList());

        assertThat(answers.stream().filter(a -> a.getBatchItemFailures().isEmpty())).hasSize(1);
        assertThat(sqs.visibilityChanges()).hasSize(2).extracting(Map.Entry::getValue)
                .allSatisfy(seconds -> assertThat(seconds).isBetween(1, (int) AutoSyncWorker.LEASE.toSeconds()));
        stubs.slack().verify(1, getRequestedFor(urlPathEqualTo("/api/users.info"))
                .withQueryParam("user", equalTo(user)));
        assertPointsToAStoredFile(participant);
    }

    @Test
    void syncsRacingPastTheLeaseNeverLeaveTheParticipantPointingAtADeletedFile() throws Exception {
        // the lease keeps workers apart; below it, the conditional write alone must keep the avatar whole
        String user = newUser();
        String participant = createFollowing(user);
        stubs.slackUser(user, "0a1b2c05");
        stubs.serveImage("0a1b2c05", AvatarStubs.PNG, "image/png");
        Participant read = participants.find(new TenantId(TENANT), UUID.fromString(participant)).orElseThrow();
        List<String> keysBefore = stubs.keys();

        List<String> outcomes = Race.run(java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> (Callable<String>) () -> AwsCallRecorder.during(null, true, () -> {
                    try {
                        return syncs.syncAutomatically(read).map(p -> "synced").orElse("kept");
                    } catch (ConflictException e) {
                        return "lost";
                    }
                })).toList());

        assertThat(outcomes).containsOnlyOnce("synced").containsOnly("synced", "lost");
        String fileId = assertPointsToAStoredFile(participant);
        assertThat(stubs.keysAddedSince(keysBefore)).containsExactly("avatars/" + TENANT + "/" + fileId);
    }

    @Test
    void aParticipantThatIsGoneOrStoppedFollowingIsUnscheduled() {
        String user = newUser();
        String participant = createFollowing(user);
        stubs.slackUser(user, "0a1b2c06");
        stubs.serveImage("0a1b2c06", AvatarStubs.PNG, "image/png");
        assertThat(deliver(message(participant, SyncRequest.CHANGE)).getBatchItemFailures()).isEmpty();
        assertThat(dueIds(clock.millis() + INTERVAL.toMillis())).contains(UUID.fromString(participant));

        ApiResponse off = api.request("PATCH", "/v1/tenants/" + TENANT + "/participants/" + participant)
                .jsonBody(Map.of("avatarAutoSync", Map.of("enabled", false))).send();
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        clock.advance(INTERVAL);
        assertThat(deliver(message(participant, SyncRequest.SCHEDULE)).getBatchItemFailures()).isEmpty();

        assertThat(dueIds(clock.millis() + 2 * INTERVAL.toMillis())).doesNotContain(UUID.fromString(participant));
    }

    // change events

    @Test
    void changeEventsSayWhetherASyncWasAutomaticAndTheSettingsChangesAskForOne() {
        TableStreamReader stream = new TableStreamReader(LocalDynamo.streamsClient(),
                LocalDynamo.streamArn(api.table()), ShardIteratorType.LATEST);
        stream.read();
        String user = newUser();
        String participant = createFollowing(user);
        stubs.slackUser(user, "0a1b2c07");
        stubs.serveImage("0a1b2c07", AvatarStubs.PNG, "image/png");
        List<ChangeEvent> created = events(stream);
        assertThat(created).extracting(ChangeEvent::type).containsExactly(AutoSyncTrigger.CREATED);
        assertThat(AutoSyncTrigger.requestOf(created.get(0))).contains(
                new SyncRequest(new TenantId(TENANT), UUID.fromString(participant), SyncRequest.CHANGE));

        assertThat(deliver(message(participant, SyncRequest.CHANGE)).getBatchItemFailures()).isEmpty();
        List<ChangeEvent> automatic = events(stream);
        assertThat(automatic).extracting(ChangeEvent::type)
                .containsExactly(ChangeEvent.TYPE_PREFIX + "participant.avatar_synced");
        assertThat(automatic.get(0).data()).containsEntry("automatic", true);

        stubs.slackUser(user, "0a1b2c08");
        stubs.serveImage("0a1b2c08", AvatarStubs.PNG, "image/png");
        ApiResponse manual = api.request("POST", AvatarStubs.syncPath(TENANT, participant))
                .jsonBody(AvatarStubs.syncBody(config, user)).send();
        assertThat(manual.status()).as(manual.toString()).isEqualTo(200);
        List<ChangeEvent> byHand = events(stream);
        assertThat(byHand).extracting(ChangeEvent::type)
                .containsExactly(ChangeEvent.TYPE_PREFIX + "participant.avatar_synced");
        assertThat(byHand.get(0).data()).containsEntry("automatic", false);

        String path = "/v1/tenants/" + TENANT + "/participants/" + participant;
        api.request("PATCH", path).jsonBody(Map.of("displayName", "Renamed")).send();
        assertThat(events(stream)).singleElement()
                .satisfies(renamed -> assertThat(AutoSyncTrigger.requestOf(renamed)).isEmpty());
        api.request("PATCH", path).jsonBody(Map.of("channels", List.of(
                Map.of("integrationConfigId", config, "address", user),
                Map.of("integrationConfigId", config, "address", newUser())))).send();
        assertThat(events(stream)).singleElement()
                .satisfies(rechanneled -> assertThat(AutoSyncTrigger.requestOf(rechanneled)).isPresent());
        api.request("PATCH", path).jsonBody(Map.of("avatarAutoSync", Map.of("enabled", false))).send();
        assertThat(events(stream)).singleElement()
                .satisfies(turnedOff -> assertThat(AutoSyncTrigger.requestOf(turnedOff)).isEmpty());
    }

    // helpers

    private static int sweep(DynamoAvatarSyncSchedule on, Clock at, Duration period) {
        AvatarSyncSweepHandler handler = new AvatarSyncSweepHandler(new AutoSyncSweep(on, sqs.queue(), at, period));
        return handler.handleRequest(Map.of("source", "aws.scheduler"), LambdaContexts.invocation());
    }

    /** A schedule item due at {@code dueAt}, as a worker's lease leaves it. */
    private static UUID scheduled(DynamoAvatarSyncSchedule on, Provider provider, long dueAt) {
        UUID id = UUID.randomUUID();
        assertThat(on.lease(new TenantId(TENANT), id, "seed", 0, 1, provider, dueAt, false).taken()).isTrue();
        return id;
    }

    private static List<UUID> dueIds(long at) {
        return schedule.due(Provider.SLACK, at, 1000).stream().map(DynamoAvatarSyncSchedule.Due::participantId)
                .toList();
    }

    private SQSBatchResponse deliver(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        // s3proxy's commit is a HeadObject where the deployed store's is a DeleteObjectTagging: not a deployed call
        return AwsCallRecorder.during(null, true, () -> worker.handleRequest(event, LambdaContexts.invocation()));
    }

    private static SQSEvent.SQSMessage message(String participant, String reason) {
        return raw(new SyncRequest(new TenantId(TENANT), UUID.fromString(participant), reason).toJson());
    }

    private static SQSEvent.SQSMessage raw(String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setReceiptHandle("receipt-" + UUID.randomUUID());
        message.setBody(body);
        message.setEventSourceArn("arn:aws:sqs:us-east-1:123456789012:avatar-syncs");
        return message;
    }

    private static List<ChangeEvent> events(TableStreamReader stream) {
        List<ChangeEvent> out = new ArrayList<>();
        ChangeEventsHandler publisher = new ChangeEventsHandler(events -> {
            out.addAll(events);
            return events.size();
        });
        assertThat(publisher.publish(stream.read().stream().map(StreamRecords::of).toList())).isNull();
        return out;
    }

    private AvatarSyncWorkerHandler workerWith(Duration interval) {
        return new AvatarSyncWorkerHandler(new AutoSyncWorker(participants, configs, syncs, schedule, clock, interval),
                sqs.queue());
    }

    /** A Slack config with its own {@code avatarSyncInterval}. */
    private static String createConfig(String interval) {
        ApiResponse created = api.request("POST", "/v1/tenants/" + TENANT + "/integrations/configs")
                .jsonBody(Map.of("provider", "SLACK", "name", "Slack " + UUID.randomUUID(),
                        "avatarSyncInterval", interval)).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.field("avatarSyncInterval")).isEqualTo(Duration.parse(interval).toString());
        return created.field("id");
    }

    private static String createFollowing(String user) {
        return createFollowing(user, config);
    }

    private static String createFollowing(String user, String onConfig) {
        ApiResponse created = api.request("POST", "/v1/tenants/" + TENANT + "/participants")
                .jsonBody(Map.of("displayName", "Maria Lopez",
                        "channels", List.of(Map.of("integrationConfigId", onConfig, "address", user)),
                        "avatarAutoSync", Map.of("enabled", true))).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("id");
    }

    private static ApiResponse get(String participant) {
        return api.request("GET", "/v1/tenants/" + TENANT + "/participants/" + participant).send();
    }

    /** The participant's avatar file id, after checking that the bucket holds that file. */
    private static String assertPointsToAStoredFile(String participant) {
        String fileId = get(participant).field("avatarFileId");
        assertThat(fileId).isNotBlank();
        assertThat(LocalS3.client().headObject(h -> h.bucket(stubs.bucket()).key("avatars/" + TENANT + "/" + fileId))
                .contentLength()).isEqualTo(AvatarStubs.PNG.length);
        return fileId;
    }

    private static String newUser() {
        return "U" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(java.util.Locale.ROOT);
    }

    static {
        // the worker's deployable, for the role test (the handler sets it in the log context)
        assertThat(FunctionCatalog.allDeployables()).contains(FunctionCatalog.AVATAR_SYNC_WORKER,
                FunctionCatalog.AVATAR_SYNC_SWEEP);
    }
}
