package io.participants.api.events;

import io.participants.api.dynamodb.DynamoActivationStore;
import io.participants.api.dynamodb.DynamoConversationStore;
import io.participants.api.dynamodb.DynamoIntegrationConfigStore;
import io.participants.api.dynamodb.DynamoOAuthStateLedger;
import io.participants.api.dynamodb.DynamoParticipantStore;
import io.participants.api.dynamodb.ItemRemoval;
import io.participants.api.secrets.MicrosoftAppCredentialsSource;
import io.participants.api.secrets.SecretsManagerTokenStore;
import io.participants.api.secrets.SlackAppCredentialsSource;
import io.participants.api.secrets.StateKeySource;
import io.participants.domain.activation.ConfigWebhook;
import io.participants.domain.activation.WebhookKey;
import io.participants.domain.common.TenantId;
import io.participants.domain.connection.OAuthState;
import io.participants.domain.connection.ProviderToken;
import io.participants.domain.conversation.Conversation;
import io.participants.domain.conversation.ConversationParticipant;
import io.participants.domain.conversation.Identifier;
import io.participants.domain.conversation.ParticipantStatus;
import io.participants.domain.conversation.ParticipantType;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.Provider;
import io.participants.domain.participant.Avatar;
import io.participants.domain.participant.BindingKey;
import io.participants.domain.participant.BindingSlot;
import io.participants.domain.participant.Channel;
import io.participants.domain.participant.ChannelKey;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantKind;
import io.participants.domain.participant.ParticipantService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The fixed state of tenant {@code acme} and of workspace {@code 6f1c2a5e-…0001} that the files under {@code events/}
 * act on (events/README.md, "The world they act on"); the API issues its own ids, so this world is written through
 * the DynamoDB adapters instead. The replay tests {@link #seed} it into a fresh table; local mode's
 * {@code seed-events} {@link #reset}s it in a table that may hold other data, and {@link #writeSecrets writes} the
 * secrets the Slack and Microsoft events need. No function uses this class.
 */
public final class EventWorld {

    /** The tenant of the participants and integrations events. */
    public static final TenantId ACME = new TenantId("acme");
    /** Slack config that Ada's channel uses, so it cannot be deleted. */
    public static final UUID SLACK_CONFIG = UUID.fromString("01930000-0000-7000-8000-0000000000c1");
    /** Email config that no channel uses. */
    private static final UUID EMAIL_CONFIG = UUID.fromString("01930000-0000-7000-8000-0000000000c2");
    /** A TELEGRAM config, not connected (for {@code connect-integration-config}). */
    public static final UUID TELEGRAM_CONFIG = UUID.fromString("01930000-0000-7000-8000-0000000000c4");
    /** A Microsoft Teams config, for the Microsoft OAuth callback's event. */
    public static final UUID TEAMS_CONFIG = UUID.fromString("01930000-0000-7000-8000-0000000000c3");
    /** Mary's Microsoft Entra ID user object id, the address of her channel on the Teams config. */
    public static final String MARY_TEAMS_USER = "6e2f1a3b-9c4d-4e5f-8a7b-0c1d2e3f4a5b";
    /** Mary's Telegram chat id, the address of her channel on the Telegram config. */
    public static final String MARY_TELEGRAM_USER = "123456789";
    /** Ada's Slack user id, the address of her channel. */
    public static final String ADA_SLACK_USER = "U0123ABCD";
    /** An SMS (Twilio) config "Acme SMS", with a webhook; its auth token is a secret the replay stores. */
    public static final UUID SMS_CONFIG = UUID.fromString("01930000-0000-7000-8000-0000000000c5");
    /** The webhook keys of the Slack, Telegram and SMS configs in events/webhooks/: public, for tests only. */
    public static final String SLACK_WEBHOOK_KEY = "whk_e0e0e0e0e0c1_EventsSlackWebhookKeyPublicForTestsOnly0001";
    public static final String TELEGRAM_WEBHOOK_KEY = "whk_e0e0e0e0e0c4_EventsTelegramWebhookKeyPublicForTestsOnly1";
    public static final String SMS_WEBHOOK_KEY = "whk_e0e0e0e0e0c5_EventsSmsWebhookKeyPublicForTestsOnly000001";
    /** The agent Mary is bound to: the binding of her Teams channel's per-binding activation. */
    public static final String MARY_TEAMS_AGENT = "agent-3";
    /** The webhook key of that activation (Graph's notificationUrl), in events/webhooks/: public, for tests only. */
    public static final String TEAMS_BINDING_WEBHOOK_KEY =
            "whk_e0e0e0e0e0b3_EventsTeamsBindingKeyPublicForTestsOnly0001";
    /** The clientState of that activation's Graph subscription: public, for tests only. */
    public static final String TEAMS_CLIENT_STATE = "EventsTeamsClientStatePublicForTestsOnly001";
    /** The secret token Telegram sends with the Telegram config's webhook (given to setWebhook). */
    public static final String TELEGRAM_SECRET_TOKEN = "events-telegram-secret-token-0001";
    /** The Slack app's signing secret the Slack events are signed with, and the SMS config's Twilio auth token. */
    public static final String SLACK_SIGNING_SECRET = "events-slack-signing-secret-0001";
    public static final String TWILIO_AUTH_TOKEN = "events-twilio-auth-token-0001";
    /** Ada: enabled, channel U0123ABCD on the Slack config, bound to agent-1, version 1. */
    private static final UUID ADA = UUID.fromString("01930000-0000-7000-8000-000000000001");
    /** Grace: disabled, no channels, bound to agent-1 and agent-2, version 1. */
    private static final UUID GRACE = UUID.fromString("01930000-0000-7000-8000-000000000002");
    /** Mary: enabled, a channel on the Teams config and one on the Telegram config, version 1. */
    private static final UUID MARY = UUID.fromString("01930000-0000-7000-8000-000000000004");
    /** Katherine: enabled, no channels, with an avatar synced from Ada's Slack config. */
    private static final UUID KATHERINE = UUID.fromString("01930000-0000-7000-8000-000000000003");
    /** The file id of Katherine's avatar; get-participant-avatar only presigns it, so no object is needed. */
    private static final String KATHERINE_AVATAR = "5b0c7a1e-3f4d-4c2b-9a8e-6d7f1e2c3b4a";

    /** The nonce of the OAuth state in events/integrations/slack-oauth-callback.*.json. */
    private static final String OAUTH_NONCE = "eventsNonce00000000000001";
    /** The nonce of the OAuth state in events/integrations/microsoft-oauth-callback.*.json. */
    private static final String TEAMS_OAUTH_NONCE = "eventsNonce00000000000002";
    /** The key the state of events/integrations/slack-oauth-callback.*.json is signed with: public, for tests only. */
    public static final String STATE_KEY = "k".repeat(24) + "0123456789abcdefghijklmnopqrstuvwxyz0123";
    /** The Slack config's bot token (a fake): what sync-participant-avatar and disconnect read. */
    public static final ProviderToken SLACK_TOKEN = new ProviderToken("xoxb-4021-7731-fakeTestTokenValue",
            "T04ACME01", "U04BOT0001", List.of("users:read"));
    /** The Teams config's tokens (fakes): the access token valid until 2100, so that no event refreshes it. */
    public static final ProviderToken TEAMS_TOKEN = new ProviderToken("eyJ0-events-teams-access",
            "11111111-2222-4333-8444-555555555555", null,
            List.of("https://graph.microsoft.com/ProfilePhoto.Read.All"), "0.AXoA-events-teams-refresh",
            Instant.parse("2100-01-01T00:00:00Z").toEpochMilli(), null);
    /** The Telegram config's bot token (a fake of Telegram's shape). */
    public static final ProviderToken TELEGRAM_TOKEN = new ProviderToken(
            "7212345678:AAHeventsTelegramToken_0123456789abc", "7212345678", null, List.of());
    /** The Slack app's credentials (fakes), for authorize-integration-config and the OAuth callback. */
    public static final String SLACK_CLIENT_ID = "4021.7731";
    public static final String SLACK_CLIENT_SECRET = "app-secret-0b1c2d3e4f";
    /** The Microsoft app's credentials (fakes), for the Microsoft OAuth callback; no directory: organizations. */
    public static final String MICROSOFT_CLIENT_ID = "0a1b2c3d-0000-4000-8000-00000000c1d0";
    public static final String MICROSOFT_CLIENT_SECRET = "ms-app-secret-5e6f7a8b9c";

    private static final long CREATED_AT = Instant.parse("2026-11-01T09:00:00Z").toEpochMilli();

    /** The workspace (tenant) of the conversations events. */
    public static final TenantId WORKSPACE = new TenantId("6f1c2a5e-0000-4000-8000-000000000001");
    /** Another workspace, with a conversation of its own. */
    public static final TenantId OTHER_WORKSPACE = new TenantId("6f1c2a5e-0000-4000-8000-000000000002");
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
        configs.create(new IntegrationConfig(ACME, TELEGRAM_CONFIG, Provider.TELEGRAM, "Acme Telegram", CREATED_AT));
        configs.create(new IntegrationConfig(ACME, SMS_CONFIG, Provider.SMS, "Acme SMS", CREATED_AT));
        var webhooks = new DynamoActivationStore(client, table);
        webhooks.replace(webhook(SLACK_CONFIG, Provider.SLACK, SLACK_WEBHOOK_KEY, null), null);
        webhooks.replace(webhook(TELEGRAM_CONFIG, Provider.TELEGRAM, TELEGRAM_WEBHOOK_KEY, TELEGRAM_SECRET_TOKEN),
                null);
        webhooks.replace(webhook(SMS_CONFIG, Provider.SMS, SMS_WEBHOOK_KEY, null), null);
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
                OAUTH_NONCE, Instant.parse("2100-01-01T00:00:00Z").toEpochMilli()));
        // and in events/integrations/microsoft-oauth-callback.*.json, for Acme Teams
        configs.create(new IntegrationConfig(ACME, TEAMS_CONFIG, Provider.MICROSOFT_TEAMS, "Acme Teams",
                CREATED_AT));
        new DynamoOAuthStateLedger(client, table, Clock.systemUTC()).open(new OAuthState(ACME, TEAMS_CONFIG,
                TEAMS_OAUTH_NONCE, Instant.parse("2100-01-01T00:00:00Z").toEpochMilli()));
        // Mary's channels are on the Teams and Telegram configs; her binding to agent-3 has the Teams channel's
        // per-binding activation, with the key and clientState of events/webhooks/receive-webhook.*.teams-*.json
        participants.create(participant(MARY, "Mary Jackson", "mary@example.com", List.of(
                new Channel(TEAMS_CONFIG, MARY_TEAMS_USER, 1, "work", false, Provider.MICROSOFT_TEAMS),
                new Channel(TELEGRAM_CONFIG, MARY_TELEGRAM_USER, 2, null, false, Provider.TELEGRAM)),
                List.of(MARY_TEAMS_AGENT), null), List.of(new BindingKey(
                new BindingSlot(MARY_TEAMS_AGENT, new ChannelKey(TEAMS_CONFIG, MARY_TEAMS_USER)),
                Provider.MICROSOFT_TEAMS, WebhookKey.prefixOf(TEAMS_BINDING_WEBHOOK_KEY).orElseThrow(),
                WebhookKey.hash(TEAMS_BINDING_WEBHOOK_KEY), WebhookKey.hash(TEAMS_CLIENT_STATE), CREATED_AT)));
        seedWorkspace(client, table);
    }

    private static ConfigWebhook webhook(UUID config, Provider provider, String key, String secretToken) {
        return new ConfigWebhook(ACME, config, provider, WebhookKey.prefixOf(key).orElseThrow(), WebhookKey.hash(key),
                secretToken == null ? null : WebhookKey.hash(secretToken), CREATED_AT);
    }

    /**
     * Puts the world back as {@link #seed} writes it, in a table that may hold other data: removes the documented
     * items (participants with their claims and bindings, configs, the OAuth state, conversations with their
     * participants) and what the event files add to them (a participant holding a channel on a documented config,
     * such as create-participant.201's Alan Turing; a participant added to a documented conversation), then seeds.
     * Nothing else is touched: other participants, configs, conversations and tenants stay. Running it twice leaves
     * the same items. Returns one line per thing removed or written.
     */
    public static List<String> reset(DynamoDbClient client, String table) {
        List<String> report = new ArrayList<>();
        var participants = new DynamoParticipantStore(client, table, ParticipantService.MAX_AGENTS);
        var removal = new ItemRemoval(client, table);
        Map<TenantId, List<UUID>> configs = Map.of(
                ACME, List.of(SLACK_CONFIG, EMAIL_CONFIG, TELEGRAM_CONFIG, TEAMS_CONFIG, SMS_CONFIG),
                WORKSPACE, List.of(WORKSPACE_MAIL));
        Map<TenantId, List<UUID>> documented = Map.of(ACME, List.of(ADA, GRACE, KATHERINE, MARY), WORKSPACE, List.of(JOHN));
        for (TenantId tenant : List.of(ACME, WORKSPACE)) {
            var doomed = new LinkedHashSet<>(documented.get(tenant));
            configs.get(tenant).forEach(config -> doomed.addAll(removal.claimHolders(tenant, config)));
            for (UUID id : doomed) {
                participants.find(tenant, id).ifPresent(found -> {
                    participants.delete(found);
                    report.add("removed participant " + tenant.value() + "/" + id + " (" + found.displayName() + ")");
                });
            }
            for (UUID config : configs.get(tenant)) {
                if (removal.config(tenant, config)) {
                    report.add("removed integration config " + tenant.value() + "/" + config);
                }
            }
        }
        for (String nonce : List.of(OAUTH_NONCE, TEAMS_OAUTH_NONCE)) {
            if (removal.oauthState(ACME, nonce)) {
                report.add("removed OAuth state " + ACME.value() + "/" + nonce);
            }
        }
        for (var conversation : List.of(Map.entry(WORKSPACE, ORDER), Map.entry(WORKSPACE, RETURNS),
                Map.entry(OTHER_WORKSPACE, FOREIGN))) {
            int removed = removal.conversation(conversation.getKey(), conversation.getValue());
            if (removed > 0) {
                report.add("removed conversation " + conversation.getKey().value() + "/" + conversation.getValue()
                        + " and its participants (" + removed + " items)");
            }
        }
        for (String key : List.of(SLACK_WEBHOOK_KEY, TELEGRAM_WEBHOOK_KEY, SMS_WEBHOOK_KEY, TEAMS_BINDING_WEBHOOK_KEY)) {
            // a webhook's key item outlives its config's removal (Mary's goes with her, unless rotated away)
            client.deleteItem(d -> d.tableName(table).key(Map.of("PK", AttributeValue.fromS("T#" + ACME.value()),
                    "SK", AttributeValue.fromS("WEBHOOK#" + WebhookKey.prefixOf(key).orElseThrow()))));
        }
        seed(client, table);
        report.add("wrote tenant acme: configs " + SLACK_CONFIG + " (Acme Slack), " + EMAIL_CONFIG
                + " (Acme mail), " + TELEGRAM_CONFIG + " (Acme Telegram), " + TEAMS_CONFIG + " (Acme Teams), " + SMS_CONFIG
                + " (Acme SMS), the last three with webhooks;"
                + " participants " + ADA + " (Ada Lovelace), " + GRACE + " (Grace Hopper), " + KATHERINE
                + " (Katherine Johnson), " + MARY + " (Mary Jackson, bound to " + MARY_TEAMS_AGENT
                + " with a per-binding webhook); OAuth states " + OAUTH_NONCE + ", " + TEAMS_OAUTH_NONCE);
        report.add("wrote workspace " + WORKSPACE.value() + ": config " + WORKSPACE_MAIL + " (Workspace mail),"
                + " participant " + JOHN + " (John Doe), conversations " + ORDER + " (Order 1042, 4 participants), "
                + RETURNS + " (Returns, 1 participant)");
        report.add("wrote workspace " + OTHER_WORKSPACE.value() + ": conversation " + FOREIGN + " (Elsewhere)");
        return report;
    }

    /**
     * Writes the secrets the Slack, Teams and Telegram events read, under {@code prefix}: the Slack, Teams and
     * Telegram configs' tokens (replaced), the OAuth state key the callback events were signed with (replaced: states issued before stop
     * working), and the Slack and Microsoft apps' credentials unless some are stored already (a developer's own app
     * stays). Returns one line per secret, with its name and never its value.
     */
    public static List<String> writeSecrets(SecretsManagerClient client, String prefix) {
        List<String> report = new ArrayList<>();
        var tokens = new SecretsManagerTokenStore(client, prefix, Clock.systemUTC(), Duration.ZERO);
        tokens.save(ACME, SLACK_CONFIG, SLACK_TOKEN);
        report.add("wrote secret " + tokens.secretName(ACME, SLACK_CONFIG) + " (the Slack config's bot token)");
        tokens.save(ACME, SMS_CONFIG, new ProviderToken(TWILIO_AUTH_TOKEN, null, null, List.of()));
        report.add("wrote secret " + tokens.secretName(ACME, SMS_CONFIG) + " (the SMS config's Twilio auth token)");
        tokens.save(ACME, TEAMS_CONFIG, TEAMS_TOKEN);
        report.add("wrote secret " + tokens.secretName(ACME, TEAMS_CONFIG) + " (the Teams config's tokens)");
        tokens.save(ACME, TELEGRAM_CONFIG, TELEGRAM_TOKEN);
        report.add("wrote secret " + tokens.secretName(ACME, TELEGRAM_CONFIG) + " (the Telegram config's bot token)");
        String stateKey = StateKeySource.defaultSecretName(prefix);
        try {
            client.createSecret(b -> b.name(stateKey).secretString(STATE_KEY));
        } catch (ResourceExistsException e) {
            client.putSecretValue(b -> b.secretId(stateKey).secretString(STATE_KEY));
        }
        report.add("wrote secret " + stateKey + " (the OAuth state key the slack-oauth-callback events were signed"
                + " with)");
        String app = SlackAppCredentialsSource.defaultSecretName(prefix);
        try {
            client.createSecret(b -> b.name(app).secretString("{\"clientId\":\"" + SLACK_CLIENT_ID
                    + "\",\"clientSecret\":\"" + SLACK_CLIENT_SECRET + "\",\"signingKey\":\""
                    + SLACK_SIGNING_SECRET + "\"}"));
            report.add("wrote secret " + app + " (stand-in Slack app credentials)");
        } catch (ResourceExistsException e) {
            report.add("kept secret " + app + " (Slack app credentials already stored)");
        }
        String microsoftApp = MicrosoftAppCredentialsSource.defaultSecretName(prefix);
        try {
            client.createSecret(b -> b.name(microsoftApp).secretString("{\"clientId\":\"" + MICROSOFT_CLIENT_ID
                    + "\",\"clientSecret\":\"" + MICROSOFT_CLIENT_SECRET + "\"}"));
            report.add("wrote secret " + microsoftApp + " (stand-in Microsoft app credentials)");
        } catch (ResourceExistsException e) {
            report.add("kept secret " + microsoftApp + " (Microsoft app credentials already stored)");
        }
        return report;
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
