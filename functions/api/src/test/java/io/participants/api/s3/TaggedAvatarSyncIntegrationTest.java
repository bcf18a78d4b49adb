package io.participants.api.s3;

import io.participants.api.avatars.AvatarStubs;
import io.participants.api.s3.EarlyAnsweringS3.Request;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.participants.api.avatars.AvatarStubs.syncBody;
import static io.participants.api.avatars.AvatarStubs.syncPath;
import static io.participants.api.errors.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An avatar sync through the handler on an S3 that has object tagging, as the deployed bucket does (s3proxy, used by
 * the other avatar tests, has none): the upload is tagged pending, the tag is removed before the participant points to
 * the file, and S3 refusing the tag removal leaves the participant as it was and removes the upload.
 */
class TaggedAvatarSyncIntegrationTest {

    private static final String USER = "U0TAGGED1";

    private AvatarStubs stubs;
    private EarlyAnsweringS3 s3;
    private ApiHarness api;
    private String config;
    private String participant;

    @BeforeEach
    void start() throws IOException {
        stubs = new AvatarStubs();
        s3 = new EarlyAnsweringS3();
        api = stubs.harness(AvatarStubs.guards(), Map.of(
                "participants.s3.endpoint", s3.endpoint().toString(),
                "participants.avatars.tag-uploads", "true"));
        config = api.request("POST", "/v1/tenants/acme/integrations/configs")
                .jsonBody(Map.of("provider", "SLACK", "name", "Slack " + UUID.randomUUID())).send().field("id");
        participant = api.request("POST", "/v1/tenants/acme/participants")
                .jsonBody(Map.of("displayName", "Maria Lopez", "channels",
                        List.of(Map.of("integrationConfigId", config, "address", USER)))).send().field("id");
        stubs.storeToken("acme", config);
        stubs.slackUser(USER, "7a99ed01");
        stubs.serveImage("7a99ed01", AvatarStubs.PNG, "image/png");
    }

    @AfterEach
    void stop() throws IOException {
        api.close();
        s3.close();
        stubs.close();
    }

    @Test
    void theUploadIsTaggedPendingAndCommittedBeforeTheParticipantPointsToIt() {
        ApiResponse synced = sync();

        assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
        String key = "/" + stubs.bucket() + "/avatars/acme/" + synced.field("avatarFileId");
        List<Request> requests = s3.requests();
        assertThat(requests).extracting(Request::method).containsExactly("PUT", "DELETE");
        assertThat(requests.get(0).target()).isEqualTo(key);
        assertThat(requests.get(0).headers()).containsEntry("x-amz-tagging", "avatar-state=pending");
        assertThat(requests.get(1).target()).isEqualTo(key + "?tagging");
    }

    @Test
    void aRefusedTagRemovalLeavesTheParticipantAsItWasAndRemovesTheUpload() {
        String etag = api.request("GET", "/v1/tenants/acme/participants/" + participant).send().header("ETag");
        // the upload goes through; the tag removal is refused for good (AccessDenied), the clean-up is accepted
        s3.refuseOnly("DELETE", "?tagging", 403, "AccessDenied");

        ApiResponse response = sync();

        assertProblem(response, 502, "storage-refused");
        ApiResponse now = api.request("GET", "/v1/tenants/acme/participants/" + participant).send();
        assertThat(now.header("ETag")).isEqualTo(etag);
        assertThat(now.field("avatarFileId")).isNull();
        List<Request> requests = s3.requests();
        String upload = requests.get(0).target();
        assertThat(requests).extracting(Request::method).startsWith("PUT").endsWith("DELETE");
        assertThat(requests.get(requests.size() - 1).target()).as("the upload is removed").isEqualTo(upload);
    }

    @Test
    void anOperatorsUploadIsTaggedAndCommittedAsASyncIs() {
        ApiResponse uploaded = api.request("PUT", "/v1/tenants/acme/participants/" + participant + "/avatar")
                .header("content-type", "image/png")
                .base64Body(java.util.Base64.getEncoder().encodeToString(AvatarStubs.PNG)).send();

        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        String key = "/" + stubs.bucket() + "/avatars/acme/" + uploaded.field("avatarFileId");
        List<Request> requests = s3.requests();
        assertThat(requests).extracting(Request::method).containsExactly("PUT", "DELETE");
        assertThat(requests.get(0).headers()).containsEntry("x-amz-tagging", "avatar-state=pending");
        assertThat(requests.get(1).target()).isEqualTo(key + "?tagging");
    }

    private ApiResponse sync() {
        return api.request("POST", syncPath("acme", participant)).jsonBody(syncBody(config, USER)).send();
    }
}
