package io.participants.api.avatars;

import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.participants.api.avatars.AvatarStubs.syncBody;
import static io.participants.api.avatars.AvatarStubs.syncPath;
import static io.participants.api.errors.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PUT and DELETE …/avatar through the real handler, binary bodies base64-encoded as API Gateway sends them: the
 * image stored by the real S3 client in s3proxy, participants in DynamoDB Local, Slack on WireMock for the syncs an
 * upload replaces and is replaced by.
 */
class UploadAvatarIntegrationTest {

    private static final String TENANT = "acme";
    private static final String USER = "U0123ABCD";
    /** The cap of PUT …/avatar (see UploadAvatarController.MAX_BYTES). */
    private static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I',
            'F', 0};

    private static AvatarStubs stubs;
    private static ApiHarness api;
    private static HttpClient http;

    private String config;
    private String participant;
    private String createdEtag;
    private List<String> keysBefore;

    @BeforeAll
    static void start() {
        stubs = new AvatarStubs();
        api = stubs.harness();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        api.close();
        stubs.close();
    }

    @BeforeEach
    void participantWithASlackChannel() {
        stubs.reset();
        config = createConfig();
        participant = createParticipant(config);
        stubs.storeToken(TENANT, config);
        createdEtag = get(participant).header("ETag");
        keysBefore = stubs.keys();
    }

    @Test
    void anUploadIsStoredAndLinkedAsUploaded() throws Exception {
        long start = System.currentTimeMillis();

        ApiResponse uploaded = upload(participant, AvatarStubs.PNG, "image/png").send();

        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        String fileId = uploaded.field("avatarFileId");
        assertThat(uploaded.field("avatarSource")).isEqualTo("UPLOADED");
        assertThat(uploaded.field("avatarSourceConfigId")).isNull();
        assertThat(uploaded.field("avatarSourceAddress")).isNull();
        assertThat(Long.parseLong(uploaded.field("avatarSyncedAt"))).isBetween(start, System.currentTimeMillis());
        assertThat(uploaded.header("ETag")).isNotEqualTo(createdEtag);
        assertThat(newKeys()).containsExactly("avatars/" + TENANT + "/" + fileId);
        assertThat(get(participant).field("avatarSource")).isEqualTo("UPLOADED");

        HttpResponse<byte[]> image = fetch(avatarLink(participant).field("url"));
        assertThat(image.body()).isEqualTo(AvatarStubs.PNG);
        assertThat(image.headers().firstValue("Content-Type")).contains("image/png");
    }

    @Test
    void theTypeComesFromTheBytesNotTheHeader() throws Exception {
        ApiResponse uploaded = upload(participant, JPEG, "image/png").send();

        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        HttpResponse<byte[]> image = fetch(avatarLink(participant).field("url"));
        assertThat(image.headers().firstValue("Content-Type")).contains("image/jpeg");

        ApiResponse octets = upload(participant, AvatarStubs.PNG, "application/octet-stream").send();
        assertThat(octets.status()).as(octets.toString()).isEqualTo(200);
    }

    @Test
    void aBodyThatIsNoImageIs415AndStoresNothing() {
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII);

        assertProblem(upload(participant, html, "image/png").send(), 415, "unsupported-media-type");
        assertProblem(upload(participant, AvatarStubs.PNG, "application/json").send(), 415,
                "unsupported-media-type");
        assertProblem(upload(participant, AvatarStubs.PNG, "text/plain").send(), 415, "unsupported-media-type");
        assertProblem(upload(participant, new byte[0], "image/png").send(), 400, "invalid-request");
        assertUnchanged();
    }

    @Test
    void anImageOfExactlyTheCapIsTakenAndOneByteMoreIs413() {
        ApiResponse atCap = upload(participant, pngOf(MAX_BYTES), "image/png").send();
        assertThat(atCap.status()).as(atCap.toString()).isEqualTo(200);
        List<String> afterFirst = stubs.keys();

        ApiResponse over = upload(participant, pngOf(MAX_BYTES + 1), "image/png").header("If-Match", "*").send();

        assertProblem(over, 413, "payload-too-large");
        assertThat(over.field("detail")).contains(String.valueOf(MAX_BYTES));
        assertThat(stubs.keys()).containsExactlyInAnyOrderElementsOf(afterFirst);
        assertThat(get(participant).header("ETag")).isEqualTo(atCap.header("ETag"));
    }

    @Test
    void theJsonRoutesKeepTheirSmallLimit() {
        String big = "x".repeat(70 * 1024);
        ApiResponse patch = api.request("PATCH", "/v1/tenants/acme/participants/" + participant)
                .jsonBody(Map.of("displayName", big)).send();

        assertProblem(patch, 413, "payload-too-large");
    }

    @Test
    void ifMatchIsHonoured() {
        assertProblem(upload(participant, AvatarStubs.PNG, "image/png").header("If-Match", "\"99\"").send(), 412,
                "precondition-failed");
        assertUnchanged();

        ApiResponse uploaded = upload(participant, AvatarStubs.PNG, "image/png").header("If-Match", createdEtag)
                .send();
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);

        assertProblem(clear(participant).header("If-Match", createdEtag).send(), 412, "precondition-failed");
        ApiResponse cleared = clear(participant).header("If-Match", uploaded.header("ETag")).send();
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
    }

    @Test
    void aMissingOrForeignParticipantIs404AndAReadTokenIs403() {
        String missing = UUID.randomUUID().toString();
        assertProblem(upload(missing, AvatarStubs.PNG, "image/png").send(), 404, "not-found");
        assertProblem(upload(participant, AvatarStubs.PNG, "image/png").tenant("globex").send(), 404, "not-found");
        assertProblem(upload(participant, AvatarStubs.PNG, "image/png").scopes("participants:read").send(), 403,
                "forbidden");
        assertProblem(clear(missing).send(), 404, "not-found");
        assertProblem(clear(participant).tenant("globex").send(), 404, "not-found");
        assertUnchanged();
    }

    @Test
    void anUploadReplacesASyncedAvatarAndAManualSyncReplacesTheUpload() {
        stubs.slackUser(USER, "hash-1");
        stubs.serveImage("hash-1", AvatarStubs.PNG, "image/png");
        ApiResponse synced = api.request("POST", syncPath(TENANT, participant))
                .jsonBody(syncBody(config, USER)).send();
        assertThat(synced.status()).as(synced.toString()).isEqualTo(200);

        ApiResponse uploaded = upload(participant, JPEG, "image/jpeg").send();

        assertThat(newKeys()).as("the synced file is removed")
                .containsExactly("avatars/" + TENANT + "/" + uploaded.field("avatarFileId"));

        ApiResponse resynced = api.request("POST", syncPath(TENANT, participant))
                .jsonBody(syncBody(config, USER)).send();
        assertThat(resynced.status()).as(resynced.toString()).isEqualTo(200);
        assertThat(resynced.field("avatarSource")).isEqualTo("CHANNEL_SYNC");
        assertThat(newKeys()).containsExactly("avatars/" + TENANT + "/" + resynced.field("avatarFileId"));
    }

    @Test
    void deleteClearsTheAvatarAndRemovesItsFile() {
        upload(participant, AvatarStubs.PNG, "image/png").send();

        ApiResponse cleared = clear(participant).send();

        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        for (String field : List.of("avatarFileId", "avatarSource", "avatarSyncedAt")) {
            assertThat(cleared.field(field)).as(field).isNull();
        }
        assertThat(newKeys()).isEmpty();
        assertProblem(avatarLink(participant), 404, "not-found");
        ApiResponse again = clear(participant).send();
        assertThat(again.status()).as("clearing no avatar changes nothing").isEqualTo(200);
        assertThat(again.header("ETag")).isEqualTo(cleared.header("ETag"));
    }

    /** A body that starts as a PNG and is {@code size} bytes long. */
    private static byte[] pngOf(int size) {
        byte[] body = Arrays.copyOf(AvatarStubs.PNG, size);
        Arrays.fill(body, AvatarStubs.PNG.length, size, (byte) 7);
        return body;
    }

    private static io.participants.api.testing.ApiRequest upload(String participantId, byte[] image,
                                                                 String contentType) {
        return api.request("PUT", "/v1/tenants/acme/participants/" + participantId + "/avatar")
                .header("content-type", contentType)
                .base64Body(Base64.getEncoder().encodeToString(image));
    }

    private static io.participants.api.testing.ApiRequest clear(String participantId) {
        return api.request("DELETE", "/v1/tenants/acme/participants/" + participantId + "/avatar");
    }

    private List<String> newKeys() {
        return stubs.keysAddedSince(keysBefore);
    }

    private void assertUnchanged() {
        ApiResponse now = get(participant);
        assertThat(now.field("avatarFileId")).isNull();
        assertThat(now.header("ETag")).isEqualTo(createdEtag);
        assertThat(newKeys()).isEmpty();
    }

    private static String createConfig() {
        ApiResponse response = api.request("POST", "/v1/tenants/acme/integrations/configs")
                .jsonBody(Map.of("provider", "SLACK", "name", "Slack " + UUID.randomUUID())).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.field("id");
    }

    private static String createParticipant(String configId) {
        ApiResponse response = api.request("POST", "/v1/tenants/acme/participants")
                .jsonBody(Map.of("displayName", "Maria Lopez", "channels",
                        List.of(Map.of("integrationConfigId", configId, "address", USER)))).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.field("id");
    }

    private static ApiResponse get(String participantId) {
        return api.request("GET", "/v1/tenants/acme/participants/" + participantId).send();
    }

    private static ApiResponse avatarLink(String participantId) {
        return api.request("GET", "/v1/tenants/acme/participants/" + participantId + "/avatar").send();
    }

    private static HttpResponse<byte[]> fetch(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
