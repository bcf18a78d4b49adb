package io.participants.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Without --in-memory, data and the signing key survive a restart on the same data directory. */
class LocalDataIntegrationTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @Test
    void aRestartKeepsTheDataAndTheKey() throws Exception {
        LocalOptions options = LocalOptions.parse(
                new String[] {"--port", "0", "--data-dir", dataDir.toString()}, Map.of());
        String token = LocalIssuer.open(options.dataDir(), options.issuer(), options.audience())
                .mint("dev-user", "acme", List.of("participants:read", "participants:write"), Duration.ofMinutes(10));

        String id;
        try (LocalApi api = LocalApi.start(options)) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + api.port() + "/v1/tenants/acme/participants"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Grace\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            Matcher matcher = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
            assertThat(matcher.find()).isTrue();
            id = matcher.group(1);
        }
        assertThat(Files.list(dataDir.resolve("dynamodb"))).isNotEmpty();

        try (LocalApi api = LocalApi.start(options)) {
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + api.port() + "/v1/tenants/acme/participants/" + id))
                    .header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(read.body()).contains("\"displayName\":\"Grace\"");
        }
    }
}
