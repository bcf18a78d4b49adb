package io.participants.api.events;

import io.participants.api.dynamodb.DynamoConversationStore;
import io.participants.api.dynamodb.DynamoIntegrationConfigStore;
import io.participants.api.dynamodb.DynamoOAuthStateLedger;
import io.participants.api.dynamodb.DynamoParticipantStore;
import io.participants.domain.common.TenantId;
import io.participants.domain.connection.OAuthState;
import io.participants.domain.conversation.Conversation;
import io.participants.domain.conversation.ConversationParticipant;
import io.participants.domain.conversation.Identifier;
import io.participants.domain.conversation.ParticipantStatus;
import io.participants.domain.conversation.ParticipantType;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.Provider;
import io.participants.domain.participant.Avatar;
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
 * The fixed state of tenant {@code acme} and of workspace {@code 6f1c2a5e-…0001} that the files under {@code events/}
 * act on; the API issues its own ids, so this world is written through the DynamoDB adapters instead.
 */
public final class EventWorld {

    private static final TenantId ACME = new TenantId("acme");
    /** Slack config that Ada's channel uses, so it cannot be deleted. */
    public static final UUID SLACK_CONFIG = UUID.fromString("01930000-0000-7000-8000-0000000000c1");
    /** Email config that no channel uses. */
    private static final UUID EMAIL_CONFIG = UUID.fromString("01930000-0000-7000-8000-0000000000c2");
    /** Ada's Slack user id, the address of her channel. */
    public static final String ADA_SLACK_USER = "U0123ABCD";
    /** Ada: enabled, channel U0123ABCD on the Slack config, bound to agent-1, version 1. */
    private static final UUID ADA = UUID.fromString("01930000-0000-7000-8000-000000000001");
    /** Grace: disabled, no channels, bound to agent-1 and agent-2, version 1. */
    private static final UUID GRACE = UUID.fromString("01930000-0000-7000-8000-000000000002");
    /** Katherine: enabled, no channels, with an avatar synced from Ada's Slack config. */
    private static final UUID KATHERINE = UUID.fromString("01930000-0000-7000-8000-000000000003");
    /** The file id of Katherine's avatar; get-participant-avatar only presigns it, so no object is needed. */
    private static final String KATHERINE_AVATAR = "5b0c7a1e-3f4d-4c2b-9a8e-6d7f1e2c3b4a";

    private static final long CREATED_AT = Instant.parse("2026-11-01T09:00:00Z").toEpochMilli();

    /** The workspace (tenant) of the conversations events. */
    private static final TenantId WORKSPACE = new TenantId("6f1c2a5e-0000-4000-8000-000000000001");
    /** Another workspace, with a conversation of its own. */
    private static final TenantId OTHER_WORKSPACE = new TenantId("6f1c2a5e-0000-4000-8000-000000000002");
    /** The workspace's email config, carrying John Doe's directory channel. */
    private static final UUID WORKSPACE_MAIL = UUID.fromString("6f1c2a5e-0000-4000-8000-0000000000c1");
    /** John Doe in the directory: his email channel gives his conversation participant a display name. */
    private static final UUID JOHN = UUID.fromString("6f1c2a5e-0000-4000-8000-0000000000d1");
    /** "Order 1042": John invited, +14155550100 active, Mary inactive, user-7 active, added in that order. */
    private static final UUID ORDER = UUID.fromString("6f1c2a5e-0000-4000-8000-0000000000a1");
    /** "Returns": John active. */
    private static final UUID RETURNS = UUID.fromString("6f1c2a5e-0000-4000-8000-0000000000a2");
    /** The other workspace's conversation. */
    private static final UUID FOREIGN = UUID.fromString("6f1c2a5e-0000-4000-8000-0000000000b1");

    private EventWorld() {
    }

    /** Writes the world into an empty table. */
    public static void seed(DynamoDbClient client, String table) {
        var configs = new DynamoIntegrationConfigStore(client, table, Clock.systemUTC());
        configs.create(new IntegrationConfig(ACME, SLACK_CONFIG, Provider.SLACK, "Acme Slack", CREATED_AT));
        configs.create(new IntegrationConfig(ACME, EMAIL_CONFIG, Provider.EMAIL, "Acme mail", CREATED_AT));
        var participants = new DynamoParticipantStore(client, table, ParticipantService.MAX_AGENTS);
        participants.create(participant(ADA, "Ada Lovelace", "ada@example.com",
                List.of(new Channel(SLACK_CONFIG, ADA_SLACK_USER, 1, "work", false, Provider.SLACK)),
                List.of("agent-1"), null));
        participants.create(participant(GRACE, "Grace Hopper", "grace@example.com", List.of(),
                List.of("agent-1", "agent-2"), CREATED_AT + 1));
        participants.create(new Participant(ACME, KATHERINE, ParticipantKind.PERSON, "Katherine Johnson",
                "katherine@example.com", null, List.of(), new TreeSet<>(), null,
                new Avatar(KATHERINE_AVATAR, Avatar.Source.CHANNEL_SYNC, SLACK_CONFIG, "U0777KJ01", CREATED_AT + 2, "f00dcafe1234"),
                null, CREATED_AT + 2, CREATED_AT + 2, 1));
        // the state in events/integrations/slack-oauth-callback.*.json: issued for Acme Slack, valid until 2100
        new DynamoOAuthStateLedger(client, table, Clock.systemUTC()).open(new OAuthState(ACME, SLACK_CONFIG,
                "eventsNonce00000000000001", Instant.parse("2100-01-01T00:00:00Z").toEpochMilli()));
        seedWorkspace(client, table);
    }

    private static void seedWorkspace(DynamoDbClient client, String table) {
        new DynamoIntegrationConfigStore(client, table, Clock.systemUTC()).create(
                new IntegrationConfig(WORKSPACE, WORKSPACE_MAIL, Provider.EMAIL, "Workspace mail", CREATED_AT));
        new DynamoParticipantStore(client, table, ParticipantService.MAX_AGENTS).create(new Participant(WORKSPACE,
                JOHN, ParticipantKind.PERSON, "John Doe", "john.doe@example.com", null,
                List.of(new Channel(WORKSPACE_MAIL, "john.doe@example.com", 1, "work", false, Provider.EMAIL)),
                new TreeSet<>(), null, null, null, CREATED_AT, CREATED_AT, 1));
        var conversations = new DynamoConversationStore(client, table);
        conversations.create(new Conversation(WORKSPACE, ORDER, "Order 1042", "Delivery of order 1042",
                CREATED_AT, CREATED_AT));
        conversations.create(new Conversation(WORKSPACE, RETURNS, "Returns", null, CREATED_AT + 1, CREATED_AT + 1));
        conversations.create(new Conversation(OTHER_WORKSPACE, FOREIGN, "Elsewhere", null, CREATED_AT, CREATED_AT));
        // Distinct times fix the order in which list-conversation-participants returns them.
        List.of(contact(ORDER, Identifier.EMAIL, "john.doe@example.com", ParticipantStatus.INVITED, 1),
                contact(ORDER, Identifier.PHONE, "+14155550100", ParticipantStatus.ACTIVE, 2),
                contact(ORDER, Identifier.EMAIL, "mary.major@example.com", ParticipantStatus.INACTIVE, 3),
                new ConversationParticipant(WORKSPACE, ORDER,
                        ConversationParticipant.idOf(ORDER, ParticipantType.USER, "user-7"), ParticipantType.USER,
                        "user-7", null, null, ParticipantStatus.ACTIVE, CREATED_AT + 4, CREATED_AT + 4, 1),
                contact(RETURNS, Identifier.EMAIL, "john.doe@example.com", ParticipantStatus.ACTIVE, 5))
                .forEach(p -> conversations.add(p).orElseThrow());
    }

    private static ConversationParticipant contact(UUID conversationId, String key, String value,
                                                   ParticipantStatus status, long addedAfter) {
        Identifier identifier = new Identifier(key, value);
        return new ConversationParticipant(WORKSPACE, conversationId,
                ConversationParticipant.idOf(conversationId, identifier), ParticipantType.CONTACT, null, identifier,
                null, status, CREATED_AT + addedAfter, CREATED_AT + addedAfter, 1);
    }

    private static Participant participant(UUID id, String displayName, String email, List<Channel> channels,
                                           List<String> agentIds, Long disabledAt) {
        return new Participant(ACME, id, ParticipantKind.PERSON, displayName, email, null, channels,
                new TreeSet<>(agentIds), disabledAt, null, null, CREATED_AT, CREATED_AT, 1);
    }
}
