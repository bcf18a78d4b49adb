package io.participants.api.s3;

import io.participants.api.testing.LocalS3;
import io.participants.domain.avatar.AvatarImage;
import io.participants.domain.common.TenantId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 avatar store against an in-process s3proxy, read back through its presigned links over HTTP. */
class S3AvatarStoreIntegrationTest {

    private static final TenantId TENANT_A = new TenantId("tenant-a");
    private static final TenantId TENANT_B = new TenantId("tenant-b");
    // a PNG signature and IHDR chunk start: the store keeps bytes as given, whatever they are
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
            0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, (byte) 0xff};

    private static String bucket;
    private static S3Clients clients;
    private static S3AvatarStore store;
    private static HttpClient http;

    @BeforeAll
    static void startStore() {
        bucket = LocalS3.newBucket();
        clients = S3Clients.create(LocalS3.REGION, LocalS3.credentials(), LocalS3.endpoint());
        // s3proxy has no object tagging; S3EarlyAnswersIntegrationTest checks the tagged uploads S3 gets
        store = new S3AvatarStore(clients.client(), clients.presigner(), bucket, false);
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void closeClients() {
        clients.close();
    }

    @Test
    void putStoresTheImageThatItsLinkServes() throws Exception {
        String fileId = store.put(TENANT_A, new AvatarImage(PNG, "image/png"));

        assertThat(UUID.fromString(fileId).toString()).isEqualTo(fileId);
        HttpResponse<byte[]> response = get(store.link(TENANT_A, fileId, Duration.ofMinutes(5)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(PNG);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, max-age=300");
    }

    @Test
    void putWritesUnderTheTenantsPrefixWithItsMetadata() {
        byte[] jpeg = "jpeg bytes".getBytes(StandardCharsets.US_ASCII);
        String fileId = store.put(TENANT_B, new AvatarImage(jpeg, "image/jpeg"));

        HeadObjectResponse head = LocalS3.client().headObject(b -> b.bucket(bucket).key("avatars/tenant-b/" + fileId));
        assertThat(head.contentType()).isEqualTo("image/jpeg");
        assertThat(head.contentLength()).isEqualTo(jpeg.length);
        assertThat(head.cacheControl()).isEqualTo("private, max-age=300");
        assertThat(LocalS3.client().listObjectsV2(b -> b.bucket(bucket).prefix("avatars/tenant-b/")).contents())
                .extracting(S3Object::key)
                .contains("avatars/tenant-b/" + fileId);
    }

    @Test
    void eachPutGetsANewFileId() {
        AvatarImage image = new AvatarImage(PNG, "image/png");

        assertThat(store.put(TENANT_A, image)).isNotEqualTo(store.put(TENANT_A, image));
    }

    @Test
    void anotherTenantsLinkToTheSameFileIdFindsNothing() throws Exception {
        String fileId = store.put(TENANT_A, new AvatarImage(PNG, "image/png"));

        assertThat(get(store.link(TENANT_B, fileId, Duration.ofMinutes(5))).statusCode()).isEqualTo(404);
        assertThat(get(store.link(TENANT_A, fileId, Duration.ofMinutes(5))).statusCode()).isEqualTo(200);
    }

    @Test
    void anotherTenantCannotDeleteTheFile() throws Exception {
        String fileId = store.put(TENANT_A, new AvatarImage(PNG, "image/png"));

        store.delete(TENANT_B, fileId);

        assertThat(get(store.link(TENANT_A, fileId, Duration.ofMinutes(5))).statusCode()).isEqualTo(200);
    }

    @Test
    void deleteRemovesTheFileAndAgainIsNoError() throws Exception {
        String fileId = store.put(TENANT_A, new AvatarImage(PNG, "image/png"));

        store.delete(TENANT_A, fileId);
        store.delete(TENANT_A, fileId);

        assertThat(get(store.link(TENANT_A, fileId, Duration.ofMinutes(5))).statusCode()).isEqualTo(404);
    }

    @Test
    void anUpperCaseCopyOfTheFileIdNamesTheSameFile() throws Exception {
        String fileId = store.put(TENANT_A, new AvatarImage(PNG, "image/png"));

        HttpResponse<byte[]> response = get(store.link(TENANT_A, fileId.toUpperCase(Locale.ROOT), Duration.ofMinutes(1)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(PNG);
    }

    @Test
    void linkValidityIsCappedAtFifteenMinutes() throws Exception {
        String fileId = store.put(TENANT_A, new AvatarImage(PNG, "image/png"));

        URI longLink = store.link(TENANT_A, fileId, Duration.ofHours(2));

        assertThat(expires(longLink)).isEqualTo(900);
        assertThat(expires(store.link(TENANT_A, fileId, Duration.ofMinutes(15)))).isEqualTo(900);
        assertThat(expires(store.link(TENANT_A, fileId, Duration.ofSeconds(90)))).isEqualTo(90);
        assertThat(get(longLink).statusCode()).isEqualTo(200);
    }

    @Test
    void linkRefusesAValidityThatIsNotPositive() {
        String fileId = UUID.randomUUID().toString();

        assertThatThrownBy(() -> store.link(TENANT_A, fileId, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.link(TENANT_A, fileId, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTamperedLinkIsRefused() throws Exception {
        String fileId = store.put(TENANT_A, new AvatarImage(PNG, "image/png"));
        String link = store.link(TENANT_A, fileId, Duration.ofMinutes(5)).toString();

        URI otherTenant = URI.create(link.replace("/avatars/tenant-a/", "/avatars/tenant-b/"));

        assertThat(get(otherTenant).statusCode()).isEqualTo(403);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"not-a-uuid", "../tenant-b/0b5e8f7e-3c1a-4a8e-9a53-2f7a1c9d4e21",
            "0b5e8f7e-3c1a-4a8e-9a53-2f7a1c9d4e21/../x", "0b5e8f7e-3c1a-4a8e-9a53-2f7a1c9d4e2",
            "1-1-1-1-1", "0b5e8f7e3c1a4a8e9a532f7a1c9d4e21", " 0b5e8f7e-3c1a-4a8e-9a53-2f7a1c9d4e21"})
    void aMalformedFileIdIsRefused(String fileId) {
        assertThatThrownBy(() -> store.link(TENANT_A, fileId, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(TENANT_A, fileId))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static HttpResponse<byte[]> get(URI link) throws IOException, InterruptedException {
        assertThat(link.getHost()).isEqualTo("127.0.0.1");
        return http.send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static int expires(URI link) {
        return Arrays.stream(link.getRawQuery().split("&"))
                .filter(parameter -> parameter.startsWith("X-Amz-Expires="))
                .map(parameter -> Integer.parseInt(parameter.substring("X-Amz-Expires=".length())))
                .findFirst()
                .orElseThrow();
    }
}
