package io.participants.local;

import io.participants.api.dynamodb.DynamoConversationStore;
import io.participants.api.dynamodb.DynamoIntegrationConfigStore;
import io.participants.api.dynamodb.DynamoParticipantStore;
import io.participants.api.events.EventWorld;
import io.participants.domain.common.TenantId;
import io.participants.domain.conversation.ConversationParticipant;
import io.participants.domain.conversation.Identifier;
import io.participants.domain.conversation.ParticipantStatus;
import io.participants.domain.conversation.ParticipantType;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.Provider;
import io.participants.domain.participant.Channel;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantKind;
import io.participants.domain.participant.ParticipantService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ./local seed-events} against a serving local mode: it puts the world of {@code events/} back after the
 * event files changed it, leaves every other item as it was, writes the same items when run twice, and finds local
 * mode through the data directory's endpoints file.
 */
class SeedEventsIntegrationTest {

    private static final UUID ADA = UUID.fromString("01930000-0000-7000-8000-000000000001");
    private static final UUID ORDER = UUID.fromString("6f1c2a5e-0000-4000-8000-0000000000a1");

    @TempDir
    static Path dataDir;
    private static LocalOptions options;
    private static LocalApi api;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        options = LocalOptions.parse(new String[] {"--port", "0", "--in-memory", "--data-dir", dataDir.toString()},
                Map.of());
        api = LocalApi.start(options);
        dynamo = DynamoDbClient.builder().endpointOverride(api.endpoints().dynamoDb()).region(LocalAws.REGION)
                .credentialsProvider(LocalAws.credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        api.close();
    }

    @Test
    void itPutsTheWorldBackAndTouchesNothingElse() {
        seed();
        Set<String> world = items();
        // someone's own data in the same tenant, and another tenant's
        var configs = new DynamoIntegrationConfigStore(dynamo, options.table(), Clock.systemUTC());
        UUID ownConfig = UUID.randomUUID();
        configs.create(new IntegrationConfig(EventWorld.ACME, ownConfig, Provider.EMAIL, "Own mail", 1L));
        var participants = new DynamoParticipantStore(dynamo, options.table(), ParticipantService.MAX_AGENTS);
        participants.create(person(EventWorld.ACME, UUID.randomUUID(), "Bystander",
                List.of(new Channel(ownConfig, "me@example.com", 1, null, false, Provider.EMAIL)), "agent-1"));
        participants.create(person(new TenantId("globex"), UUID.randomUUID(), "Other tenant", List.of(), null));
        Set<String> worldAndOthers = items();
        // what the event files do to the world: delete Ada, create Alan on the Slack config, add a contact
        participants.delete(participants.find(EventWorld.ACME, ADA).orElseThrow());
        participants.create(person(EventWorld.ACME, UUID.randomUUID(), "Alan Turing",
                List.of(new Channel(EventWorld.SLACK_CONFIG, "U0456EFGH", 1, "work", false, Provider.SLACK)),
                "agent-1"));
        Identifier jane = new Identifier("emailaddress", "jane.roe@example.com");
        new DynamoConversationStore(dynamo, options.table()).add(new ConversationParticipant(EventWorld.WORKSPACE,
                ORDER, ConversationParticipant.idOf(ORDER, jane), ParticipantType.CONTACT, null, jane, null,
                ParticipantStatus.INVITED, 9L, 9L, 1)).orElseThrow();
        assertThat(items()).isNotEqualTo(worldAndOthers);

        List<String> report = seed();

        assertThat(items()).isEqualTo(worldAndOthers).containsAll(world);
        assertThat(report).anyMatch(line -> line.startsWith("removed participant acme/") && line.contains("Alan Turing"))
                .anyMatch(line -> line.contains("removed conversation " + EventWorld.WORKSPACE.value() + "/" + ORDER))
                .noneMatch(line -> line.contains("Bystander") || line.contains("Other tenant"));
        assertThat(seed()).isEqualTo(seed());
        assertThat(items()).isEqualTo(worldAndOthers);
    }

    @Test
    void itWritesTheSecretsTheSlackEventsReadAndKeepsADevelopersOwnSlackApp() {
        try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                .endpointOverride(api.endpoints().secretsManager()).region(LocalAws.REGION)
                .credentialsProvider(LocalAws.credentials()).httpClient(UrlConnectionHttpClient.create()).build()) {
            String app = options.aws().secretsPrefix() + "/slack/app";
            try {
                secrets.createSecret(b -> b.name(app).secretString("{\"clientId\":\"own\",\"clientSecret\":\"own-s\"}"));
            } catch (software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException e) {
                secrets.putSecretValue(b -> b.secretId(app)
                        .secretString("{\"clientId\":\"own\",\"clientSecret\":\"own-s\"}"));
            }

            List<String> report = seed();

            String token = options.aws().secretsPrefix() + "/tenants/acme/integrations/" + EventWorld.SLACK_CONFIG
                    + "/token";
            assertThat(secrets.getSecretValue(b -> b.secretId(token)).secretString())
                    .contains(EventWorld.SLACK_TOKEN.accessToken());
            assertThat(secrets.getSecretValue(b -> b.secretId(options.aws().secretsPrefix() + "/oauth/state-key"))
                    .secretString()).isEqualTo(EventWorld.STATE_KEY);
            assertThat(secrets.getSecretValue(b -> b.secretId(app)).secretString()).contains("own-s");
            assertThat(report).contains("kept secret " + app + " (Slack app credentials already stored)");
            assertThat(String.join("\n", report)).doesNotContain(EventWorld.SLACK_TOKEN.accessToken(),
                    EventWorld.STATE_KEY, "own-s", EventWorld.MICROSOFT_CLIENT_SECRET);
        }
    }

    @Test
    void itWritesStandInMicrosoftAppCredentialsOnceAndKeepsADevelopersOwn() {
        try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                .endpointOverride(api.endpoints().secretsManager()).region(LocalAws.REGION)
                .credentialsProvider(LocalAws.credentials()).httpClient(UrlConnectionHttpClient.create()).build()) {
            // a prefix of its own, under which no Microsoft app is stored yet
            String prefix = "microsoft-" + UUID.randomUUID();
            String app = prefix + "/microsoft/app";

            List<String> first = seed(prefix);

            assertThat(first).contains("wrote secret " + app + " (stand-in Microsoft app credentials)");
            assertThat(secrets.getSecretValue(b -> b.secretId(app)).secretString())
                    .contains(EventWorld.MICROSOFT_CLIENT_ID, EventWorld.MICROSOFT_CLIENT_SECRET);
            assertThat(String.join("\n", first)).doesNotContain(EventWorld.MICROSOFT_CLIENT_SECRET);

            secrets.putSecretValue(b -> b.secretId(app)
                    .secretString("{\"clientId\":\"own\",\"clientSecret\":\"own-ms\"}"));
            List<String> again = seed(prefix);

            assertThat(again).contains("kept secret " + app + " (Microsoft app credentials already stored)");
            assertThat(secrets.getSecretValue(b -> b.secretId(app)).secretString()).contains("own-ms");
        }
    }

    @Test
    void theCommandFindsTheServingLocalModeByItsDataDirectoryAndSaysWhenNoneServes() {
        SeedEvents.writeServing(options.dataDir(), api.endpoints(), options);
        try {
            LocalOptions command = LocalOptions.parse(new String[] {"seed-events", "--data-dir", dataDir.toString()},
                    Map.of());
            assertThat(command.command()).isEqualTo(LocalOptions.Command.SEED_EVENTS);
            assertThat(SeedEvents.run(command)).anyMatch(line -> line.startsWith("wrote tenant acme"));
        } finally {
            SeedEvents.removeServing(options.dataDir());
        }
        assertThatThrownBy(() -> SeedEvents.run(LocalOptions.parse(
                new String[] {"seed-events", "--data-dir", dataDir.toString()}, Map.of())))
                .hasMessageContaining("not serving from");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"token", "--tenant", "a", "--seed-events"},
                Map.of())).hasMessageContaining("--seed-events is an option of serve");
    }

    private static List<String> seed() {
        return seed(options.aws().secretsPrefix());
    }

    private static List<String> seed(String secretsPrefix) {
        return SeedEvents.seed(api.endpoints().dynamoDb(), api.endpoints().secretsManager(), options.table(),
                secretsPrefix);
    }

    /** Every item of the table, as text, so that two states compare whole. */
    private static Set<String> items() {
        return dynamo.scanPaginator(b -> b.tableName(options.table()).consistentRead(true)).items().stream()
                .map(item -> new TreeSet<>(item.entrySet().stream().map(SeedEventsIntegrationTest::text)
                        .collect(Collectors.toSet())).toString())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String text(Map.Entry<String, AttributeValue> attribute) {
        return attribute.getKey() + "=" + attribute.getValue();
    }

    private static Participant person(TenantId tenant, UUID id, String name, List<Channel> channels, String agent) {
        return new Participant(tenant, id, ParticipantKind.PERSON, name, null, null, channels,
                agent == null ? new TreeSet<>() : new TreeSet<>(List.of(agent)), null, null, null, 1L, 1L, 1);
    }
}
