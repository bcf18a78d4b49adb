package io.participants.api.events;

import io.participants.api.dynamodb.DynamoIntegrationConfigStore;
import io.participants.api.dynamodb.DynamoParticipantStore;
import io.participants.domain.common.TenantId;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.Provider;
import io.participants.domain.participant.Channel;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantKind;
import io.participants.domain.participant.ParticipantService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The fixed state of tenant {@code acme} that the files under {@code events/} act on; the API issues its own ids,
 * so this world is written through the DynamoDB adapters instead.
 */
final class EventWorld {

    private static final TenantId ACME = new TenantId("acme");
    /** Slack config that Ada's channel uses, so it cannot be deleted. */
    private static final UUID SLACK_CONFIG = UUID.fromString("01930000-0000-7000-8000-0000000000c1");
    /** Email config that no channel uses. */
    private static final UUID EMAIL_CONFIG = UUID.fromString("01930000-0000-7000-8000-0000000000c2");
    /** Ada: enabled, channel U0123ABCD on the Slack config, bound to agent-1, version 1. */
    private static final UUID ADA = UUID.fromString("01930000-0000-7000-8000-000000000001");
    /** Grace: disabled, no channels, bound to agent-1 and agent-2, version 1. */
    private static final UUID GRACE = UUID.fromString("01930000-0000-7000-8000-000000000002");

    private static final long CREATED_AT = Instant.parse("2026-11-01T09:00:00Z").toEpochMilli();

    private EventWorld() {
    }

    /** Writes the world into an empty table. */
    static void seed(DynamoDbClient client, String table) {
        var configs = new DynamoIntegrationConfigStore(client, table, Clock.systemUTC());
        configs.create(new IntegrationConfig(ACME, SLACK_CONFIG, Provider.SLACK, "Acme Slack", CREATED_AT));
        configs.create(new IntegrationConfig(ACME, EMAIL_CONFIG, Provider.EMAIL, "Acme mail", CREATED_AT));
        var participants = new DynamoParticipantStore(client, table, ParticipantService.MAX_AGENTS);
        participants.create(participant(ADA, "Ada Lovelace", "ada@example.com",
                List.of(new Channel(SLACK_CONFIG, "U0123ABCD", 1, "work", false, Provider.SLACK)),
                List.of("agent-1"), null));
        participants.create(participant(GRACE, "Grace Hopper", "grace@example.com", List.of(),
                List.of("agent-1", "agent-2"), CREATED_AT + 1));
    }

    private static Participant participant(UUID id, String displayName, String email, List<Channel> channels,
                                           List<String> agentIds, Long disabledAt) {
        return new Participant(ACME, id, ParticipantKind.PERSON, displayName, email, null, channels,
                new TreeSet<>(agentIds), disabledAt, null, CREATED_AT, CREATED_AT, 1);
    }
}
