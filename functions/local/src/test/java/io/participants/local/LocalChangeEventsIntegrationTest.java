package io.participants.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.participants.api.dynamodb.ParticipantsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode's change events end to end: a request through the local gateway, the table's stream read by the
 * poller, the publisher's code, one JSON line in {@code DIR/events.jsonl}, and {@code ./local events} printing it.
 */
class LocalChangeEventsIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    private HttpResponse<String> post(LocalApi api, String token, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(LocalOptions options) {
        return LocalIssuer.open(options.dataDir(), options.issuer(), options.audience()).mint("dev-user", "acme",
                List.of("integrations:admin", "participants:read", "participants:write"), Duration.ofMinutes(10));
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            events.add(JSON.readTree(line));
        }
        return events;
    }

    @Test
    void aRequestThroughLocalModeIsOneLineOfTheEventsFileAndTheEventsCommandPrintsIt() throws Exception {
        LocalOptions options = LocalOptions.parse(new String[] {"--port", "0", "--in-memory", "--data-dir",
                dataDir.toString()}, Map.of());
        try (LocalApi api = LocalApi.start(options)) {
            String token = token(options);
            HttpResponse<String> created = post(api, token, "/v1/tenants/acme/participants",
                    "{\"displayName\":\"Ada Lovelace\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            HttpResponse<String> refused = post(api, token, "/v1/tenants/acme/participants", "{\"displayName\":\"\"}");
            assertThat(refused.statusCode()).isEqualTo(400);

            api.changeEvents().poll();

            Path file = dataDir.resolve("events.jsonl");
            assertThat(api.changeEventsFile()).isEqualTo(file);
            List<JsonNode> events = lines(file);
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.get("type").asText()).isEqualTo("participants.participant.created");
                assertThat(event.get("tenant").asText()).isEqualTo("acme");
                assertThat(event.get("data").get("displayName").asText()).isEqualTo("Ada Lovelace");
                assertThat(created.body()).contains(event.get("data").get("id").asText());
            });

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            EventsCommand.print(file, new PrintStream(printed, true, StandardCharsets.UTF_8), () -> false);
            assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo(Files.readString(file));
        }
    }

    @Test
    void aTableKeptFromBeforeChangeEventsGetsItsStreamAndItsEvents() throws Exception {
        // an earlier local mode's table: the same keys and indexes, no stream
        try (LocalDynamoDb earlier = LocalDynamoDb.start(dataDir.resolve("dynamodb"), "unrelated");
             DynamoDbClient client = DynamoDbClient.builder().endpointOverride(URI.create(earlier.endpoint()))
                     .region(LocalAws.REGION).credentialsProvider(LocalAws.credentials())
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            client.createTable(ParticipantsTable.createTableRequest("participants").toBuilder()
                    .streamSpecification((StreamSpecification) null).build());
            assertThat(client.describeTable(d -> d.tableName("participants")).table().latestStreamArn()).isNull();
        }
        LocalOptions options = LocalOptions.parse(new String[] {"--port", "0", "--data-dir", dataDir.toString()},
                Map.of());
        try (LocalApi api = LocalApi.start(options)) {
            HttpResponse<String> config = post(api, token(options), "/v1/tenants/acme/integrations/configs",
                    "{\"provider\":\"EMAIL\",\"name\":\"Mail\"}");
            assertThat(config.statusCode()).as(config.body()).isEqualTo(201);

            api.changeEvents().poll();

            assertThat(lines(dataDir.resolve("events.jsonl"))).extracting(e -> e.get("type").asText())
                    .containsExactly("participants.integration_config.created");
        }
    }

    @Test
    void followingPrintsWhatIsAppendedAndStartsOverWhenTheFileStartsAnew() throws Exception {
        Path file = dataDir.resolve("events.jsonl");
        Files.writeString(file, "{\"n\":1}\n");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AtomicInteger rounds = new AtomicInteger();

        EventsCommand.print(file, new PrintStream(printed, true, StandardCharsets.UTF_8), () -> {
            try {
                switch (rounds.incrementAndGet()) {
                    case 1 -> Files.writeString(file, "{\"n\":2}\n", java.nio.file.StandardOpenOption.APPEND);
                    case 2 -> Files.writeString(file, "{\"n\":3}\n");
                    default -> {
                        return false;
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return true;
        });

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
    }

    @Test
    void eventsTakesFollowAndServeDoesNot() {
        LocalOptions events = LocalOptions.parse(new String[] {"events", "--follow", "--data-dir", "d"}, Map.of());

        assertThat(events.command()).isEqualTo(LocalOptions.Command.EVENTS);
        assertThat(events.follow()).isTrue();
        assertThat(events.dataDir()).isEqualTo(Path.of("d").toAbsolutePath());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--follow"},
                Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("events");
        assertThat(LocalOptions.USAGE).contains("./local events [--follow]", "events.jsonl");
    }
}
