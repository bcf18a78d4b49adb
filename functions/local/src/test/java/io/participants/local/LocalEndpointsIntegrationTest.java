package io.participants.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AWS_ENDPOINT_URL_* point the handler at other servers, where local mode then creates what it needs. */
class LocalEndpointsIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void anEndpointFromTheEnvironmentReplacesTheEmbeddedServer() {
        try (LocalS3Server otherS3 = LocalS3Server.start(null, 0);
             LocalSecretsManager otherSecrets = LocalSecretsManager.start(null, 0)) {
            Map<String, String> env = Map.of(
                    "AWS_ENDPOINT_URL_S3", otherS3.endpoint(),
                    "AWS_ENDPOINT_URL_SECRETS_MANAGER", otherSecrets.endpoint());
            LocalOptions options = LocalOptions.parse(new String[] {"--port", "0", "--data-dir", dataDir.toString(),
                    "--avatars-bucket", "elsewhere", "--secrets-prefix", "dev/p"}, env);

            try (LocalApi api = LocalApi.start(options)) {
                assertThat(api.endpoints().s3()).isEqualTo(URI.create(otherS3.endpoint()));
                assertThat(api.endpoints().secretsManager()).isEqualTo(URI.create(otherSecrets.endpoint()));
                assertThat(api.dynamoDb()).isNotNull();
                assertThat(System.getProperty("participants.s3.endpoint")).isEqualTo(otherS3.endpoint());
                assertThat(System.getProperty("participants.secrets.endpoint")).isEqualTo(otherSecrets.endpoint());
                assertThat(System.getProperty("participants.secrets.prefix")).isEqualTo("dev/p");
                assertThat(System.getProperty("participants.avatars.bucket")).isEqualTo("elsewhere");
            }

            try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(otherS3.endpoint()))
                    .region(LocalAws.REGION).credentialsProvider(LocalAws.credentials()).forcePathStyle(true)
                    .httpClient(UrlConnectionHttpClient.create()).build();
                 SecretsManagerClient secrets = SecretsManagerClient.builder()
                         .endpointOverride(URI.create(otherSecrets.endpoint())).region(LocalAws.REGION)
                         .credentialsProvider(LocalAws.credentials())
                         .httpClient(UrlConnectionHttpClient.create()).build()) {
                s3.headBucket(b -> b.bucket("elsewhere"));
                assertThat(secrets.getSecretValue(b -> b.secretId("dev/p/oauth/state-key")).secretString()).hasSize(64);
            }
            // nothing embedded kept anything of theirs
            assertThat(dataDir.resolve("s3")).doesNotExist();
            assertThat(dataDir.resolve("secrets")).doesNotExist();
        }
    }

    @Test
    void aFailedStartReleasesWhatItHadStarted() throws IOException {
        // bound, released and bound again: outside the range outgoing connections take their ports from
        int apiPort = LoopbackPorts.freeOutsideTheEphemeralRange();
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            LocalOptions options = LocalOptions.parse(new String[] {"--port", Integer.toString(apiPort), "--in-memory",
                    "--data-dir", dataDir.toString(), "--s3-port", Integer.toString(taken.getLocalPort())}, Map.of());

            assertThatThrownBy(() -> LocalApi.start(options)).hasMessageContaining("s3proxy did not start");
        }
        // the API's port, bound first, is free again
        try (ServerSocket again = new ServerSocket(apiPort, 0, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(apiPort);
        }
    }
}
