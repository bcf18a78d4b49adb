package io.participants.api.microsoft;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.participants.api.autosync.AutoSyncWorker;
import io.participants.api.autosync.AvatarSyncWorkerHandler;
import io.participants.api.autosync.SyncRequest;
import io.participants.api.avatars.AvatarStubs;
import io.participants.api.dynamodb.DynamoAvatarSyncSchedule;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.AwsCallRecorder;
import io.participants.api.testing.LambdaContexts;
import io.participants.api.testing.SqsStandIn;
import io.participants.domain.avatar.AvatarSyncService;
import io.participants.domain.integration.IntegrationConfigStore;
import io.participants.domain.common.TenantId;
import io.participants.domain.participant.ParticipantStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-sync worker on a Teams participant whose access token has expired, as it mostly has by the next due sync
 * (Microsoft's last about an hour): the worker refreshes it with the Microsoft app's credentials, stores the rotated
 * token as a caller's sync does, and syncs the photo.
 */
class TeamsAutoSyncIntegrationTest {

    private static TeamsStubs stubs;
    private static ApiHarness api;
    private static SqsStandIn sqs;

    @BeforeAll
    static void start() {
        stubs = new TeamsStubs();
        api = stubs.harness();
        sqs = new SqsStandIn();
    }

    @AfterAll
    static void stop() {
        api.close();
        sqs.close();
        stubs.close();
    }

    @Test
    void anExpiredTokenIsRefreshedAndThePhotoSynced() {
        String config = api.request("POST", "/v1/tenants/acme/integrations/configs")
                .jsonBody(Map.of("provider", "MICROSOFT_TEAMS", "name", "Teams " + UUID.randomUUID())).send()
                .field("id");
        stubs.storeToken(config, "at-0", "rt-0", System.currentTimeMillis() - 60_000);
        stubs.login().accept("rt-0");
        String user = UUID.randomUUID().toString();
        stubs.graphUser(user, "ada1", AvatarStubs.PNG);
        ApiResponse created = api.request("POST", "/v1/tenants/acme/participants")
                .jsonBody(Map.of("displayName", "Teams user", "channels",
                        List.of(Map.of("integrationConfigId", config, "address", user)),
                        "avatarAutoSync", Map.of("enabled", true))).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        AvatarSyncWorkerHandler worker = new AvatarSyncWorkerHandler(new AutoSyncWorker(
                api.context().getBean(ParticipantStore.class), api.context().getBean(IntegrationConfigStore.class),
                api.context().getBean(AvatarSyncService.class),
                new DynamoAvatarSyncSchedule(api.context().getBean(DynamoDbClient.class), api.table()),
                Clock.systemUTC(), Duration.ofHours(24)), sqs.queue());
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setReceiptHandle("receipt-" + UUID.randomUUID());
        message.setBody(new SyncRequest(new TenantId("acme"), UUID.fromString(created.field("id")),
                SyncRequest.CHANGE).toJson());
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));

        SQSBatchResponse answer = AwsCallRecorder.during(null, true,
                () -> worker.handleRequest(event, LambdaContexts.invocation()));

        assertThat(answer.getBatchItemFailures()).isEmpty();
        ApiResponse read = api.request("GET", "/v1/tenants/acme/participants/" + created.field("id")).send();
        assertThat(read.field("avatarSource")).isEqualTo("CHANNEL_SYNC");
        assertThat(stubs.secrets().current(TeamsStubs.tokenSecret(config))).doesNotContain("\"rt-0\"")
                .contains(stubs.login().newestRefreshToken());
    }
}
