package io.participants.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

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

/** Without --in-memory, data, avatars, secrets and the signing key survive a restart on the same data directory. */
class LocalDataIntegrationTest {

    private static final String STATE_KEY = "participants/oauth/state-key";
    private static final String AVATAR = "avatars/acme/0b0e6f0c-1111-4000-8000-000000000001";

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @Test
    void aRestartKeepsTheDataTheAvatarsTheSecretsAndTheKey() throws Exception {
        LocalOptions options = LocalOptions.parse(
                new String[] {"--port", "0", "--data-dir", dataDir.toString()}, Map.of());
        String token = LocalIssuer.open(options.dataDir(), options.issuer(), options.audience())
                .mint("dev-user", "acme", List.of("participants:read", "participants:write"), Duration.ofMinutes(10));

        String id;
        String stateKey;
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
            try (S3Client s3 = s3(api)) {
                s3.putObject(b -> b.bucket(LocalOptions.DEFAULT_BUCKET).key(AVATAR), RequestBody.fromString("pixels"));
            }
            try (SecretsManagerClient secrets = secrets(api)) {
                stateKey = secrets.getSecretValue(b -> b.secretId(STATE_KEY)).secretString();
            }
        }
        assertThat(stateKey).matches("[A-Za-z0-9]{64}");
        assertThat(Files.list(dataDir.resolve("dynamodb"))).isNotEmpty();
        assertThat(dataDir.resolve("s3")).isDirectory();
        assertThat(dataDir.resolve("secrets").resolve(SecretsFile.FILE_NAME)).isRegularFile();

        try (LocalApi api = LocalApi.start(options)) {
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + api.port() + "/v1/tenants/acme/participants/" + id))
                    .header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(read.body()).contains("\"displayName\":\"Grace\"");
            try (S3Client s3 = s3(api)) {
                assertThat(s3.getObjectAsBytes(b -> b.bucket(LocalOptions.DEFAULT_BUCKET).key(AVATAR)).asUtf8String())
                        .isEqualTo("pixels");
            }
            try (SecretsManagerClient secrets = secrets(api)) {
                assertThat(secrets.getSecretValue(b -> b.secretId(STATE_KEY)).secretString()).isEqualTo(stateKey);
            }
        }
    }

    private static S3Client s3(LocalApi api) {
        return S3Client.builder().endpointOverride(api.endpoints().s3()).region(LocalAws.REGION)
                .credentialsProvider(LocalAws.credentials()).forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static SecretsManagerClient secrets(LocalApi api) {
        return SecretsManagerClient.builder().endpointOverride(api.endpoints().secretsManager())
                .region(LocalAws.REGION).credentialsProvider(LocalAws.credentials())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
