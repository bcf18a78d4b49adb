package io.participants.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The Secrets Manager emulator, driven by the real AWS SDK client as the service drives it. */
class LocalSecretsManagerTest {

    private static final String NAME = "participants/tenants/acme/integrations/1/token";

    @TempDir
    Path dir;

    private LocalSecretsManager server;
    private SecretsManagerClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Test
    void aStagedValueBecomesCurrentOnlyFromTheVersionThatIsCurrent() {
        start(dir);
        String first = client.createSecret(b -> b.name(NAME).secretString("{\"refreshToken\":\"rt-0\"}"))
                .versionId();
        String winner = client.putSecretValue(b -> b.secretId(NAME).secretString("{\"refreshToken\":\"rt-1\"}")
                .versionStages("PARTICIPANTS_REFRESHED")).versionId();
        String loser = client.putSecretValue(b -> b.secretId(NAME).secretString("{\"refreshToken\":\"rt-2\"}")
                .versionStages("PARTICIPANTS_REFRESHED")).versionId();
        assertThat(client.getSecretValue(b -> b.secretId(NAME)).secretString()).contains("rt-0");

        client.updateSecretVersionStage(b -> b.secretId(NAME).versionStage("AWSCURRENT").moveToVersionId(winner)
                .removeFromVersionId(first));

        assertThatThrownBy(() -> client.updateSecretVersionStage(b -> b.secretId(NAME).versionStage("AWSCURRENT")
                .moveToVersionId(loser).removeFromVersionId(first)))
                .isInstanceOf(software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException.class);
        GetSecretValueResponse current = client.getSecretValue(b -> b.secretId(NAME));
        assertThat(current.secretString()).contains("rt-1");
        assertThat(current.versionId()).isEqualTo(winner);
    }

    @Test
    void aSecretIsCreatedReadUpdatedAndDeleted() {
        start(dir);

        CreateSecretResponse created = client.createSecret(b -> b.name(NAME).description("token")
                .secretString("{\"accessToken\":\"xoxb-1\"}")
                .tags(Tag.builder().key("tenant").value("acme").build()));
        GetSecretValueResponse first = client.getSecretValue(b -> b.secretId(NAME));
        PutSecretValueResponse put = client.putSecretValue(b -> b.secretId(NAME).secretString("{\"accessToken\":\"xoxb-2\"}"));
        GetSecretValueResponse second = client.getSecretValue(b -> b.secretId(created.arn()));
        DescribeSecretResponse described = client.describeSecret(b -> b.secretId(NAME));
        client.deleteSecret(b -> b.secretId(NAME).forceDeleteWithoutRecovery(true));

        assertThat(created.name()).isEqualTo(NAME);
        assertThat(created.arn()).matches("arn:aws:secretsmanager:us-east-1:000000000000:secret:" + NAME + "-[A-Za-z]{6}");
        assertThat(first.secretString()).isEqualTo("{\"accessToken\":\"xoxb-1\"}");
        assertThat(first.versionId()).isEqualTo(created.versionId());
        assertThat(first.versionStages()).containsExactly("AWSCURRENT");
        assertThat(first.createdDate()).isNotNull();
        assertThat(put.versionId()).isNotEqualTo(created.versionId());
        assertThat(second.secretString()).isEqualTo("{\"accessToken\":\"xoxb-2\"}");
        assertThat(second.name()).isEqualTo(NAME);
        assertThat(described.description()).isEqualTo("token");
        assertThat(described.tags()).containsExactly(Tag.builder().key("tenant").value("acme").build());
        assertThat(described.versionIdsToStages()).containsOnlyKeys(put.versionId());
        assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId(NAME)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void errorsAreTheServicesOwn() {
        start(null);
        client.createSecret(b -> b.name(NAME).secretString("first-value"));

        assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId("participants/missing")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("can't find the specified secret");
                });
        assertThatThrownBy(() -> client.putSecretValue(b -> b.secretId("participants/missing").secretString("x")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.deleteSecret(b -> b.secretId("participants/missing")
                .forceDeleteWithoutRecovery(true))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.createSecret(b -> b.name(NAME).secretString("second-value")))
                .isInstanceOfSatisfying(ResourceExistsException.class, e ->
                        assertThat(e.getMessage()).contains(NAME).doesNotContain("first-value", "second-value"));
        assertThatThrownBy(() -> client.createSecret(b -> b.name("bad name!?").secretString("x")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client.deleteSecret(b -> b.secretId(NAME).forceDeleteWithoutRecovery(true)
                .recoveryWindowInDays(7L))).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void aDeletionWithARecoveryWindowKeepsTheNameTakenButTheValueUnreadable() {
        start(null);
        client.createSecret(b -> b.name(NAME).secretString("value"));

        client.deleteSecret(b -> b.secretId(NAME).recoveryWindowInDays(7L));

        assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId(NAME)))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> client.createSecret(b -> b.name(NAME).secretString("again")))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(client.describeSecret(b -> b.secretId(NAME)).deletedDate()).isNotNull();
        // a forced deletion ends it at once
        client.deleteSecret(b -> b.secretId(NAME).forceDeleteWithoutRecovery(true));
        client.createSecret(b -> b.name(NAME).secretString("again"));
        assertThat(client.getSecretValue(b -> b.secretId(NAME)).secretString()).isEqualTo("again");
    }

    @Test
    void aSecretWithoutValueHasNoCurrentVersion() {
        start(null);
        client.createSecret(b -> b.name(NAME));

        assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId(NAME)))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e ->
                        assertThat(e.getMessage()).contains("AWSCURRENT"));
        client.putSecretValue(b -> b.secretId(NAME).secretString("now"));
        assertThat(client.getSecretValue(b -> b.secretId(NAME)).secretString()).isEqualTo("now");
    }

    @Test
    void aRetriedWriteWithTheSameRequestTokenChangesNothing() {
        start(null);
        String token = "7b1b8a34-0000-4000-8000-00000000a001";
        CreateSecretResponse first = client.createSecret(b -> b.name(NAME).secretString("v").clientRequestToken(token));
        CreateSecretResponse retried = client.createSecret(b -> b.name(NAME).secretString("v").clientRequestToken(token));

        assertThat(retried.versionId()).isEqualTo(first.versionId()).isEqualTo(token);
        assertThatThrownBy(() -> client.putSecretValue(b -> b.secretId(NAME).secretString("other")
                .clientRequestToken(token))).isInstanceOf(ResourceExistsException.class);
    }

    @Test
    void secretsSurviveARestartInAFileOnlyTheOwnerMayRead() throws Exception {
        start(dir);
        client.createSecret(b -> b.name(NAME).secretString("kept"));
        stop();

        start(dir);

        assertThat(client.getSecretValue(b -> b.secretId(NAME)).secretString()).isEqualTo("kept");
        Path file = dir.resolve(SecretsFile.FILE_NAME);
        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aNewSecretDirectoryIsTheOwnersOnly() throws Exception {
        Path secrets = dir.resolve("data/secrets");
        start(secrets);
        client.createSecret(b -> b.name(NAME).secretString("x"));

        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rwx------");
    }

    @Test
    void inMemoryNothingIsWritten() throws Exception {
        start(null);
        client.createSecret(b -> b.name(NAME).secretString("x"));

        assertThat(server.location()).isEqualTo("memory");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void itListensOnLoopbackOnly() {
        start(null);

        assertThat(server.listenAddress().isLoopbackAddress()).isTrue();
        assertThat(server.endpoint()).startsWith("http://127.0.0.1:");
    }

    @Test
    void slackAppCredentialsWrittenWhileTheServerRunsAreReadAtOnce() {
        start(dir.resolve("secrets"));
        LocalOptions options = LocalOptions.parse(new String[] {"slack-app", "--data-dir", dir.toString(),
                "--client-id", "123.456", "--client-secret-file", "-"}, Map.of());
        client.createSecret(b -> b.name("participants/oauth/state-key").secretString("k".repeat(64)));

        String name = SlackAppCommand.run(options,
                new ByteArrayInputStream("s3cr3t-value\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(name).isEqualTo("participants/slack/app");
        assertThat(client.getSecretValue(b -> b.secretId(name)).secretString())
                .isEqualTo("{\"clientId\":\"123.456\",\"clientSecret\":\"s3cr3t-value\"}");
        // the server's own secret, written before, is still there
        assertThat(client.getSecretValue(b -> b.secretId("participants/oauth/state-key")).secretString()).hasSize(64);

        SlackAppCommand.run(LocalOptions.parse(new String[] {"slack-app", "--data-dir", dir.toString(),
                "--client-id", "123.456", "--client-secret", "rotated"}, Map.of()), InputStream.nullInputStream());
        assertThat(client.getSecretValue(b -> b.secretId(name)).secretString()).contains("\"rotated\"");
    }

    @Test
    void otherRequestsAreRefusedAsTheServiceWould() throws Exception {
        start(null);
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        URI uri = URI.create(server.endpoint() + "/");

        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(uri)
                .header("X-Amz-Target", "secretsmanager.RotateSecret")
                .header("Content-Type", LocalSecretsManager.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString("{\"SecretId\":\"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> notJson = http.send(HttpRequest.newBuilder(uri)
                .header("X-Amz-Target", "secretsmanager.CreateSecret")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"n\",\"SecretString\":\"hunter2")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"__type\":\"UnknownOperationException\"");
        assertThat(unknown.headers().firstValue("Content-Type")).contains(LocalSecretsManager.CONTENT_TYPE);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("SerializationException").doesNotContain("hunter2");
    }

    private void start(Path secretsDir) {
        server = LocalSecretsManager.start(secretsDir, 0);
        client = SecretsManagerClient.builder()
                .endpointOverride(URI.create(server.endpoint()))
                .region(LocalAws.REGION)
                .credentialsProvider(LocalAws.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
