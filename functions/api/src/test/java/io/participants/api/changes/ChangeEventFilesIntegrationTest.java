package io.participants.api.changes;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.participants.api.avatars.AvatarStubs;
import io.participants.api.dynamodb.ItemChanges;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.EventBridgeStandIn;
import io.participants.api.testing.LambdaContexts;
import io.participants.api.testing.LambdaStreamEvents;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The DynamoDB Streams events of {@code events/change-events/}, one per kind of change event
 * ({@code <resource>.<change>.json}, as {@code sam local invoke ChangeEventsPublisherFunction -e} takes them): each,
 * replayed through the publisher, yields exactly the event its name says. {@link #writeFiles} records them anew from
 * real writes ({@code -Dparticipants.change-events.write=true}).
 */
class ChangeEventFilesIntegrationTest {

    static final String STREAM_ARN =
            "arn:aws:dynamodb:us-east-1:000000000000:table/participants/stream/2026-12-01T00:00:00.000";

    /** Every type the publisher makes, as docs/change-events.md's catalogue lists them. */
    static final Set<String> TYPES = Set.of(
            "participant.created", "participant.updated", "participant.disabled", "participant.enabled",
            "participant.deleted", "participant.avatar_synced", "participant.avatar_uploaded", "participant.bound",
            "participant.unbound",
            "integration_config.created", "integration_config.updated", "integration_config.connected",
            "integration_config.disconnected", "integration_config.token_rejected", "integration_config.deleted",
            "conversation.created",
            "conversation_participant.added", "conversation_participant.status_changed",
            "conversation_participant.removed",
            "channel.message_received");

    private static final Path FOLDER = folder();

    @TestFactory
    Stream<DynamicTest> everyFileYieldsExactlyTheEventItsNameSays() {
        return files().stream().map(file -> dynamicTest(file.getFileName().toString(), file.toUri(), () -> {
            String type = ChangeEvent.TYPE_PREFIX + typeOf(file);
            String provider = caseOf(file) == null ? null : PROVIDER_CASES.get(caseOf(file));
            try (EventBridgeStandIn bridge = new EventBridgeStandIn()) {
                ChangeEventsHandler publisher = new ChangeEventsHandler(
                        new EventBridgeSink(bridge.client(), PublishedChanges.BUS));

                StreamsEventResponse response = publisher.handleRequest(
                        LambdaStreamEvents.read(Files.readString(file)), LambdaContexts.invocation());

                assertThat(response.getBatchItemFailures()).isEmpty();
                assertThat(bridge.details()).singleElement()
                        .satisfies(event -> assertThat(event.get("type").asText()).isEqualTo(type));
                if (provider != null) {
                    assertThat(bridge.details().get(0).at("/data/provider").asText()).isEqualTo(provider);
                }
                // a message's text is in its event exactly when its config turned that on (the text case)
                if (type.endsWith(".message_received")) {
                    assertThat(bridge.details().get(0).at("/data").has("text")).isEqualTo(TEXT_CASE.equals(
                            caseOf(file)));
                }
            }
        }));
    }

    @Test
    void everyKindOfEventHasItsFile() {
        Set<String> named = new TreeSet<>();
        files().forEach(f -> named.add(typeOf(f)));
        assertThat(named).containsExactlyInAnyOrderElementsOf(TYPES);
        // a connection's events once more for each provider beside Slack, named by its case
        for (String change : List.of("connected", "disconnected", "token_rejected")) {
            for (String provider : PROVIDER_CASES.keySet()) {
                assertThat(FOLDER.resolve("integration_config." + change + "." + provider + ".json")).isRegularFile();
            }
        }
        assertThat(files()).allSatisfy(f -> assertThat(caseOf(f)).isIn(null, "teams", "telegram", TEXT_CASE));
        assertThat(FOLDER.resolve("channel.message_received." + TEXT_CASE + ".json")).isRegularFile();
        assertThat(Set.of(ItemChanges.PARTICIPANT, ItemChanges.INTEGRATION_CONFIG, ItemChanges.CONVERSATION,
                ItemChanges.CONVERSATION_PARTICIPANT, ItemChanges.CHANNEL)).allSatisfy(resource ->
                assertThat(TYPES).anyMatch(t -> t.startsWith(resource + ".")));
    }

    /** Writes one file per kind of event, each the stream record of a real write through the handler. */
    @Test
    @EnabledIfSystemProperty(named = "participants.change-events.write", matches = "true")
    void writeFiles() throws IOException {
        Files.createDirectories(FOLDER);
        try (AvatarStubs stubs = new AvatarStubs(); ApiHarness api = stubs.harness();
             PublishedChanges changes = new PublishedChanges(api.table())) {
            stubs.storeAppSecrets();
            stubs.slack().stubFor(post(urlPathEqualTo("/api/oauth.v2.access")).willReturn(okJson("""
                    {"ok": true, "scope": "users:read", "token_type": "bot", "access_token": "xoxb-files-token",
                     "bot_user_id": "B04BOT0001", "team": {"id": "T04ACME01", "name": "Acme"}}""")));
            String configs = "/v1/tenants/acme/integrations/configs";
            // an email config turned to Gravatar (its created file is then the Slack config's, written below)
            String mail = write(changes, api.request("POST", configs)
                    .jsonBody(Map.of("provider", "EMAIL", "name", "Acme mail")).send()).field("id");
            write(changes, api.request("PATCH", configs + "/" + mail).body("{\"gravatar\": true}").send());
            String config = write(changes, api.request("POST", configs)
                    .jsonBody(Map.of("provider", "SLACK", "name", "Acme Slack")).send()).field("id");
            String participants = "/v1/tenants/acme/participants";
            String ada = write(changes, api.request("POST", participants).jsonBody(Map.of("displayName",
                    "Ada Lovelace", "email", "ada@example.com", "channels", List.of(Map.of(
                            "integrationConfigId", config, "address", "U0123ABCD", "label", "work")),
                    "agentIds", List.of("agent-1"))).send()).field("id");
            String path = participants + "/" + ada;
            write(changes, api.request("PATCH", path).jsonBody(Map.of("displayName", "Ada King")).send());
            write(changes, api.request("POST", path + ":disable").send());
            write(changes, api.request("POST", path + ":enable").send());
            write(changes, api.request("PUT", path + "/bindings/agent-2").send());
            write(changes, api.request("DELETE", path + "/bindings/agent-2").send());
            // a signed Slack message from Ada's channel to the config's webhook (the webhook itself makes no event)
            stubs.storeSecret("participants/slack/app", "{\"clientId\":\"c\",\"clientSecret\":\"s\","
                    + "\"signingKey\":\"files-signing-secret\"}");
            String hook = api.request("POST", configs + "/" + config + ":generateWebhookUrl").send()
                    .field("webhookUrl");
            changes.records();
            String message = "{\"type\":\"event_callback\",\"event_id\":\"Ev0FILES001\",\"event\":{\"type\":"
                    + "\"message\",\"user\":\"U0123ABCD\",\"text\":\"hello\"}}";
            String timestamp = Long.toString(System.currentTimeMillis() / 1000);
            write(changes, api.request("POST", URI.create(hook).getPath()).anonymous()
                    .query("key", hook.substring(hook.indexOf("key=") + 4)).body(message)
                    .header("X-Slack-Request-Timestamp", timestamp)
                    .header("X-Slack-Signature", io.participants.api.slack.SlackEventsVerifier.sign(
                            "files-signing-secret", timestamp, message.getBytes(StandardCharsets.UTF_8))).send());
            ApiResponse authorized = api.request("POST", configs + "/" + config + ":authorize").send();
            changes.records();
            write(changes, api.request("GET", "/v1/oauth/slack/callback").anonymous().query("code", "c")
                    .query("state", stateOf(authorized)).send());
            stubs.storeToken("acme", config);
            stubs.slackUser("U0123ABCD", "e1f2a3b4c5d6");
            stubs.serveImage("e1f2a3b4c5d6", AvatarStubs.PNG, "image/png");
            write(changes, api.request("POST", AvatarStubs.syncPath("acme", ada))
                    .jsonBody(AvatarStubs.syncBody(config, "U0123ABCD")).send());
            write(changes, api.request("PUT", path + "/avatar").header("content-type", "image/png")
                    .base64Body(java.util.Base64.getEncoder().encodeToString(AvatarStubs.PNG)).send());
            stubs.slackAnswers("U0123ABCD", okJson(AvatarStubs.slackError("invalid_auth")));
            write(changes, api.request("POST", AvatarStubs.syncPath("acme", ada))
                    .jsonBody(AvatarStubs.syncBody(config, "U0123ABCD")).send());
            write(changes, api.request("POST", configs + "/" + config + ":disconnect").send());
            write(changes, api.request("DELETE", path).send());
            write(changes, api.request("DELETE", configs + "/" + config).send());

            String workspace = "6f1c2a5e-0000-4000-8000-000000000001";
            String conversations = "/workspaces/" + workspace + "/conversations";
            String conversation = write(changes, api.request("POST", conversations).tenant(workspace)
                    .scopes("conversations:read", "conversations:write")
                    .jsonBody(Map.of("name", "Order 1042")).send()).field("id");
            String members = conversations + "/" + conversation + "/participants";
            String member = write(changes, api.request("POST", members).tenant(workspace)
                    .scopes("conversations:read", "conversations:write").jsonBody(Map.of("type", "contact",
                            "contact", Map.of("identifierKey", "emailaddress", "identifierValue",
                                    "john.doe@example.com"))).send()).field("id");
            write(changes, api.request("PATCH", members + "/" + member).tenant(workspace)
                    .scopes("conversations:read", "conversations:write").body("{\"status\":\"inactive\"}").send());
            write(changes, api.request("DELETE", members + "/" + member).tenant(workspace)
                    .scopes("conversations:read", "conversations:write").send());
        }
        assertThat(files().stream().filter(f -> caseOf(f) == null)).hasSize(TYPES.size());
    }

    /** Writes the file of the one event-making record of {@code response}'s write. */
    private static ApiResponse write(PublishedChanges changes, ApiResponse response) throws IOException {
        assertThat(response.status()).as(response.toString()).isLessThan(500);
        List<Record> records = changes.records().stream()
                .filter(r -> ItemChanges.eventOf(StreamRecords.of(r)).isPresent()).toList();
        assertThat(records).as(response.toString()).hasSize(1);
        String type = ItemChanges.eventOf(StreamRecords.of(records.get(0))).orElseThrow().type();
        Files.writeString(FOLDER.resolve(type.substring(ChangeEvent.TYPE_PREFIX.length()) + ".json"),
                LambdaStreamEvents.json(records, STREAM_ARN) + "\n");
        return response;
    }

    private static String stateOf(ApiResponse authorized) {
        String query = URI.create(authorized.field("authorizationUrl")).getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("state=")) {
                return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no state");
    }

    /** {@code <resource>.<change>[.<case>].json}: a connection's events have a case per provider beside Slack. */
    private static final Map<String, String> PROVIDER_CASES = Map.of("teams", "MICROSOFT_TEAMS",
            "telegram", "TELEGRAM");
    /** A message from a config with {@code messageTextInEvents} on: its record, and so its event, has the text. */
    private static final String TEXT_CASE = "text";

    private static String typeOf(Path file) {
        String[] parts = file.getFileName().toString().replaceFirst("\\.json$", "").split("\\.");
        return parts[0] + "." + parts[1];
    }

    private static String caseOf(Path file) {
        String[] parts = file.getFileName().toString().replaceFirst("\\.json$", "").split("\\.");
        return parts.length > 2 ? parts[2] : null;
    }

    private static List<Path> files() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolve("events").resolve("change-events");
            }
        }
        throw new IllegalStateException("no events/ folder above " + Path.of("").toAbsolutePath());
    }
}
