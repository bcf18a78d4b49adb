package io.participants.api.s3;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.participants.api.autosync.AutoSyncWorker;
import io.participants.api.autosync.AvatarSyncWorkerHandler;
import io.participants.api.autosync.SyncRequest;
import io.participants.api.avatars.AvatarStubs;
import io.participants.api.dynamodb.DynamoAvatarSyncSchedule;
import io.participants.api.secrets.MutableClock;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.AwsCallRecorder;
import io.participants.api.testing.LambdaContexts;
import io.participants.api.testing.SqsStandIn;
import io.participants.domain.avatar.AvatarSyncService;
import io.participants.domain.integration.IntegrationConfigStore;
import io.participants.domain.common.TenantId;
import io.participants.domain.participant.ParticipantStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-sync worker on an S3 with object tagging, as the deployed bucket has: a new image is tagged pending,
 * committed, then pointed to, and the image it replaces is deleted, exactly as for a caller's sync.
 */
class TaggedAutoSyncIntegrationTest {

    private static final String USER = "U0TAGAUTO1";

    private AvatarStubs stubs;
    private EarlyAnsweringS3 s3;
    private SqsStandIn sqs;
    private ApiHarness api;
    private String participant;
    private MutableClock clock;
    private AvatarSyncWorkerHandler worker;

    @BeforeEach
    void start() throws IOException {
        stubs = new AvatarStubs();
        s3 = new EarlyAnsweringS3();
        sqs = new SqsStandIn();
        api = stubs.harness(AvatarStubs.guards(), Map.of(
                "participants.s3.endpoint", s3.endpoint().toString(),
                "participants.avatars.tag-uploads", "true"));
        String config = api.request("POST", "/v1/tenants/acme/integrations/configs")
                .jsonBody(Map.of("provider", "SLACK", "name", "Slack " + UUID.randomUUID())).send().field("id");
        participant = api.request("POST", "/v1/tenants/acme/participants")
                .jsonBody(Map.of("displayName", "Maria Lopez", "channels",
                        List.of(Map.of("integrationConfigId", config, "address", USER)),
                        "avatarAutoSync", Map.of("enabled", true))).send().field("id");
        stubs.storeToken("acme", config);
        clock = new MutableClock(Instant.now());
        worker = new AvatarSyncWorkerHandler(new AutoSyncWorker(api.context().getBean(ParticipantStore.class),
                api.context().getBean(IntegrationConfigStore.class), api.context().getBean(AvatarSyncService.class),
                new DynamoAvatarSyncSchedule(api.context().getBean(DynamoDbClient.class), api.table()), clock,
                Duration.ofHours(24)), sqs.queue());
    }

    @AfterEach
    void stop() throws IOException {
        api.close();
        sqs.close();
        s3.close();
        stubs.close();
    }

    @Test
    void aNewPictureIsTaggedCommittedPointedToAndTheOldOneDeleted() {
        stubs.slackUser(USER, "7a99ed11");
        stubs.serveImage("7a99ed11", AvatarStubs.PNG, "image/png");
        assertThat(deliver().getBatchItemFailures()).isEmpty();
        String first = fileId();

        stubs.slackUser(USER, "7a99ed12");
        stubs.serveImage("7a99ed12", AvatarStubs.PNG, "image/png");
        clock.advance(Duration.ofHours(24));
        assertThat(deliver().getBatchItemFailures()).isEmpty();
        String second = fileId();

        String prefix = "/" + stubs.bucket() + "/avatars/acme/";
        assertThat(second).isNotEqualTo(first);
        assertThat(s3.requests()).extracting(r -> r.method() + " " + r.target()).containsExactly(
                "PUT " + prefix + first, "DELETE " + prefix + first + "?tagging",
                "PUT " + prefix + second, "DELETE " + prefix + second + "?tagging", "DELETE " + prefix + first);
        assertThat(s3.requests().get(2).headers()).containsEntry("x-amz-tagging", "avatar-state=pending");
    }

    private SQSBatchResponse deliver() {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setReceiptHandle("receipt-" + UUID.randomUUID());
        message.setBody(new SyncRequest(new TenantId("acme"), UUID.fromString(participant), SyncRequest.SCHEDULE)
                .toJson());
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return AwsCallRecorder.during(null, false, () -> worker.handleRequest(event, LambdaContexts.invocation()));
    }

    private String fileId() {
        return api.request("GET", "/v1/tenants/acme/participants/" + participant).send().field("avatarFileId");
    }
}
