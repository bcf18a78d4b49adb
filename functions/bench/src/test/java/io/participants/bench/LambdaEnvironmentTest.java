package io.participants.bench;

import io.participants.api.FunctionCatalog;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LambdaEnvironmentTest {

    private static final LambdaEnvironment.Locals LOCALS = new LambdaEnvironment.Locals("table-1",
            "http://127.0.0.1:1", "http://127.0.0.1:2", "bucket-1", "http://127.0.0.1:3", "http://127.0.0.1:4/api",
            "http://127.0.0.1:4", "images.test", "AKID", "SECRET", Path.of("/task"));

    @Test
    void everyDeployableNamesItselfAndGetsTheTableLambdaFlagsAndLocalEndpoints() {
        for (String deployable : FunctionCatalog.deployables()) {
            Map<String, String> env = LambdaEnvironment.forDeployable(deployable, LOCALS);

            assertThat(env).as(deployable)
                    .containsEntry("PARTICIPANTS_FUNCTION", deployable)
                    .containsEntry("PARTICIPANTS_TABLE_NAME", "table-1")
                    .containsEntry("PARTICIPANTS_TENANT_CLAIM", "tenant_id")
                    .containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1")
                    .containsEntry("PARTICIPANTS_DYNAMODB_ENDPOINT", "http://127.0.0.1:1")
                    .containsEntry("AWS_REGION", "us-east-1")
                    .containsEntry("AWS_ACCESS_KEY_ID", "AKID")
                    .containsEntry("AWS_EC2_METADATA_DISABLED", "true")
                    .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")
                    .containsEntry("_HANDLER", "io.participants.api.ParticipantsHandler");
        }
    }

    @Test
    void onlyWhatTheStackGivesADeployableIsInItsEnvironment() {
        Map<String, String> get = LambdaEnvironment.stack("get-participant", LOCALS);
        Map<String, String> sync = LambdaEnvironment.stack("sync-participant-avatar", LOCALS);
        Map<String, String> callback = LambdaEnvironment.stack("slack-oauth-callback", LOCALS);

        assertThat(get).doesNotContainKeys("PARTICIPANTS_AVATARS_BUCKET", "PARTICIPANTS_SECRETS_PREFIX",
                "PARTICIPANTS_OAUTH_REDIRECT_URI");
        assertThat(sync).containsEntry("PARTICIPANTS_AVATARS_BUCKET", "bucket-1")
                .containsEntry("PARTICIPANTS_SECRETS_PREFIX", "participants")
                .doesNotContainKey("PARTICIPANTS_OAUTH_REDIRECT_URI");
        assertThat(callback).containsEntry("PARTICIPANTS_SECRETS_PREFIX", "participants")
                .containsEntry("PARTICIPANTS_OAUTH_REDIRECT_URI", LambdaEnvironment.API_ENDPOINT
                        + "/v1/oauth/slack/callback");
    }

    @Test
    void theInboundWebhookAndTheRoutesThatShowWebhookUrlsGetTheStacksWebhookBase() {
        // Twilio signs the full URL: without the stack's base the function checks another URL than the event's
        assertThat(LambdaEnvironment.stack("receive-webhook", LOCALS))
                .containsEntry("PARTICIPANTS_WEBHOOKS_BASE_URL", LambdaEnvironment.API_ENDPOINT + "/v1/webhooks/");
        assertThat(LambdaEnvironment.stack("get-participant", LOCALS))
                .containsEntry("PARTICIPANTS_WEBHOOKS_BASE_URL", LambdaEnvironment.API_ENDPOINT + "/v1/webhooks/");
        assertThat(LambdaEnvironment.stack("delete-participant", LOCALS))
                .doesNotContainKey("PARTICIPANTS_WEBHOOKS_BASE_URL");
    }

    @Test
    void theStacksTaggedUploadsAreTurnedOffForTheBenchsS3proxy() {
        assertThat(LambdaEnvironment.stack("sync-participant-avatar", LOCALS))
                .containsEntry("PARTICIPANTS_AVATARS_TAG_UPLOADS", "true");
        // s3proxy refuses object tags: the bench's environment says so over the stack's
        assertThat(LambdaEnvironment.forDeployable("sync-participant-avatar", LOCALS))
                .containsEntry("PARTICIPANTS_AVATARS_TAG_UPLOADS", "false");
    }

    @Test
    void theBaselineGetsTheTableAndDynamoDbOnly() {
        Map<String, String> env = LambdaEnvironment.forBaseline(LOCALS);

        assertThat(env).containsEntry("_HANDLER", BaselineHandler.class.getName() + "::handleRequest")
                .containsEntry("PARTICIPANTS_TABLE_NAME", "table-1")
                .containsEntry("PARTICIPANTS_DYNAMODB_ENDPOINT", "http://127.0.0.1:1")
                .doesNotContainKeys("PARTICIPANTS_FUNCTION", "PARTICIPANTS_S3_ENDPOINT");
    }

    @Test
    void anUnknownDeployableIsAnError() {
        assertThatThrownBy(() -> LambdaEnvironment.stack("nope", LOCALS)).isInstanceOf(IllegalArgumentException.class);
    }
}
