package io.participants.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.participants.api.events.EventWorld;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./local seed-events} (and {@code serve --seed-events}): puts the world the files of {@code events/} act on
 * ({@link EventWorld}) into local mode's table and secrets, so that {@code sam local invoke -e} with any of them
 * answers the status in its name. It writes only the documented ids (and removes what the event files added to
 * them), says what it wrote, and running it twice leaves the same data.
 */
public final class SeedEvents {

    /** Where a serving local mode says its services are, for {@code seed-events} run beside it. */
    static final String ENDPOINTS_FILE = "endpoints.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SeedEvents() {
    }

    /** Seeds the world into {@code table} at {@code dynamoDb} and the secrets under {@code secretsPrefix}. */
    public static List<String> seed(URI dynamoDb, URI secretsManager, String table, String secretsPrefix) {
        List<String> report = new ArrayList<>();
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(dynamoDb).region(LocalAws.REGION)
                .credentialsProvider(LocalAws.credentials()).httpClient(UrlConnectionHttpClient.create()).build();
             SecretsManagerClient secrets = SecretsManagerClient.builder().endpointOverride(secretsManager)
                     .region(LocalAws.REGION).credentialsProvider(LocalAws.credentials())
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            report.addAll(EventWorld.reset(dynamo, table));
            report.addAll(EventWorld.writeSecrets(secrets, secretsPrefix));
        } catch (ResourceNotFoundException e) {
            throw new IllegalStateException("No table " + table + " at " + dynamoDb
                    + ": start local mode (./local) first, with the same --table");
        } catch (SdkClientException e) {
            throw new IllegalStateException("Cannot reach local mode's DynamoDB (" + dynamoDb + ") or Secrets Manager ("
                    + secretsManager + "); is it running?", e);
        }
        return report;
    }

    /**
     * The command: the endpoints come from the environment ({@code AWS_ENDPOINT_URL_*}) or from the file a serving
     * local mode keeps in its data directory.
     */
    static List<String> run(LocalOptions options) {
        Map<String, String> serving = serving(options.dataDir());
        URI dynamoDb = options.aws().dynamoDbEndpoint() != null ? options.aws().dynamoDbEndpoint()
                : endpoint(serving, "dynamoDb", options.dataDir());
        URI secrets = options.aws().secretsEndpoint() != null ? options.aws().secretsEndpoint()
                : endpoint(serving, "secretsManager", options.dataDir());
        return seed(dynamoDb, secrets, serving.getOrDefault("table", options.table()),
                serving.getOrDefault("secretsPrefix", options.aws().secretsPrefix()));
    }

    /** Written once local mode serves, removed when it stops. */
    static void writeServing(Path dataDir, LocalApi.Endpoints endpoints, LocalOptions options) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("dynamoDb", endpoints.dynamoDb().toString());
        fields.put("s3", endpoints.s3().toString());
        fields.put("secretsManager", endpoints.secretsManager().toString());
        fields.put("table", options.table());
        fields.put("secretsPrefix", options.aws().secretsPrefix());
        try {
            Files.createDirectories(dataDir);
            Files.writeString(dataDir.resolve(ENDPOINTS_FILE), JSON.writeValueAsString(fields) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + dataDir.resolve(ENDPOINTS_FILE), e);
        }
    }

    static void removeServing(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(ENDPOINTS_FILE));
        } catch (IOException e) {
            // a stale file only makes a later seed-events say it cannot reach local mode
        }
    }

    private static Map<String, String> serving(Path dataDir) {
        Path file = dataDir.resolve(ENDPOINTS_FILE);
        try {
            JsonNode node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            Map<String, String> fields = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
            return fields;
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(file + " is not local mode's endpoints file; remove it");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static URI endpoint(Map<String, String> serving, String name, Path dataDir) {
        String value = serving.get(name);
        if (value == null) {
            throw new IllegalStateException("Local mode is not serving from " + dataDir + " (no " + ENDPOINTS_FILE
                    + "): start it first (./local, with the same --data-dir), or start it with --seed-events");
        }
        return URI.create(value);
    }
}
