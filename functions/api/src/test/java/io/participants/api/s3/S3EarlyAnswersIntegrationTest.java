package io.participants.api.s3;

import io.participants.api.s3.EarlyAnsweringS3.Request;
import io.participants.api.testing.LocalS3;
import io.participants.domain.avatar.AvatarImage;
import io.participants.domain.common.TenantId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * S3 refuses an upload on its headers alone (403 AccessDenied, 400, 503 SlowDown) before it reads the body, then
 * closes the connection. The client must learn that answer as an S3 error with its status, whatever the timing: each
 * upload waits for the go-ahead ({@code Expect: 100-continue}) and so never writes its body into a closed connection,
 * where the answer would be lost as a transport failure retried three times.
 */
class S3EarlyAnswersIntegrationTest {

    private static final TenantId TENANT = new TenantId("acme");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    private EarlyAnsweringS3 s3;
    private S3Clients clients;
    private S3AvatarStore store;

    @BeforeEach
    void start() throws IOException {
        s3 = new EarlyAnsweringS3();
        clients = S3Clients.create(LocalS3.REGION, LocalS3.credentials(), s3.endpoint());
        store = new S3AvatarStore(clients.client(), clients.presigner(), "avatars", true);
    }

    @AfterEach
    void stop() throws IOException {
        clients.close();
        s3.close();
    }

    @ParameterizedTest
    @CsvSource({"403,AccessDenied", "400,InvalidArgument", "404,NoSuchBucket"})
    void aRefusalBeforeTheBodyIsThatS3ErrorAtTheFirstAttempt(int status, String code) {
        s3.refuseAll(status, code);

        S3Exception error = catchThrowableOfType(S3Exception.class,
                () -> store.put(TENANT, new AvatarImage(PNG, "image/png")));

        assertThat(error).as("an S3 answer, not a transport failure").isNotNull();
        assertThat(error.statusCode()).isEqualTo(status);
        assertThat(error.numAttempts()).isEqualTo(1);
        // JDK 25, Lambda's runtime, sends the request once; JDK 17 sends its head again when asked for the answer
        assertThat(s3.requests()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.attempt()).isEqualTo(1);
            assertThat(request.waitedToContinue()).as("asked for the go-ahead").isTrue();
            assertThat(request.body()).as("sent no body once refused").isEmpty();
        });
    }

    @Test
    void aSlowDownOnEveryAttemptIsA503AfterTheRetriesWithNoBodyEverSent() {
        s3.refuseAll(503, "SlowDown");

        S3Exception error = catchThrowableOfType(S3Exception.class,
                () -> store.put(TENANT, new AvatarImage(PNG, "image/png")));

        assertThat(error).as("an S3 answer, not a transport failure").isNotNull();
        assertThat(error.statusCode()).isEqualTo(503);
        assertThat(error.numAttempts()).isEqualTo(3);
        assertThat(s3.requests()).extracting(Request::attempt).containsOnly(1, 2, 3);
        assertThat(s3.requests()).allSatisfy(request -> {
            assertThat(request.waitedToContinue()).isTrue();
            assertThat(request.body()).isEmpty();
        });
    }

    @Test
    void aSlowDownThenTheGoAheadIsAbsorbedAndTheSecondAttemptSendsTheBody() {
        s3.refuseNext(503, "SlowDown");

        String fileId = store.put(TENANT, new AvatarImage(PNG, "image/png"));

        List<Request> requests = s3.requests();
        assertThat(requests.get(0).attempt()).isEqualTo(1);
        assertThat(requests.get(0).body()).isEmpty();
        Request last = requests.get(requests.size() - 1);
        assertThat(last.attempt()).isEqualTo(2);
        assertThat(last.target()).isEqualTo("/avatars/avatars/acme/" + fileId);
        assertThat(containsBytes(last.body(), PNG)).as("the image went out after the go-ahead").isTrue();
    }

    @Test
    void anUploadIsTaggedPendingNamesNoEncryptionAndItsCommitRemovesTheTag() {
        String fileId = store.put(TENANT, new AvatarImage(PNG, "image/png"));

        assertThat(store.commit(TENANT, fileId)).isTrue();

        List<Request> requests = s3.requests();
        assertThat(requests).hasSize(2);
        Request upload = requests.get(0);
        assertThat(upload.method()).isEqualTo("PUT");
        assertThat(upload.headers())
                .containsEntry("x-amz-tagging", "avatar-state=pending")
                .containsEntry("content-type", "image/png")
                .containsEntry("cache-control", "private, max-age=300")
                // the bucket's default encryption applies, SSE-KMS included; s3proxy on disk refuses the header
                .doesNotContainKey("x-amz-server-side-encryption");
        Request commit = requests.get(1);
        assertThat(commit.method()).isEqualTo("DELETE");
        assertThat(commit.target()).isEqualTo("/avatars/avatars/acme/" + fileId + "?tagging");
    }

    /**
     * The body is the image and nothing else, its checksum in a header: S3 checks it all the same, and no server
     * can answer before the last bytes are sent. With the SDK's default, a trailing checksum in aws-chunked framing,
     * s3proxy answered once it had the image's bytes and closed the connection under the chunked trailer still on
     * its way, so that the upload failed as "Error writing request body to server" when the client was slow to write
     * it (3 attempts in a row under load).
     */
    @Test
    void anUploadIsTheImageBytesWithTheirChecksumInAHeader() {
        store.put(TENANT, new AvatarImage(PNG, "image/png"));

        Request upload = s3.requests().get(0);
        CRC32 crc = new CRC32();
        crc.update(PNG);
        byte[] checksum = ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
        assertThat(upload.body()).isEqualTo(PNG);
        assertThat(upload.headers())
                .containsEntry("content-length", Integer.toString(PNG.length))
                .containsEntry("x-amz-checksum-crc32", Base64.getEncoder().encodeToString(checksum))
                .doesNotContainKeys("x-amz-trailer", "x-amz-decoded-content-length", "content-encoding");
    }

    @Test
    void aStoreWithoutTaggingSendsNoTagAndItsCommitChecksTheFileExists() {
        S3AvatarStore untagged = new S3AvatarStore(clients.client(), clients.presigner(), "avatars", false);

        String fileId = untagged.put(TENANT, new AvatarImage(PNG, "image/png"));
        assertThat(untagged.commit(TENANT, fileId)).isTrue();

        List<Request> requests = s3.requests();
        assertThat(requests.get(0).headers()).doesNotContainKey("x-amz-tagging");
        assertThat(requests.get(1).method()).isEqualTo("HEAD");
    }

    private static boolean containsBytes(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
