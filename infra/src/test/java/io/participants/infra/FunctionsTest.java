package io.participants.infra;

import io.participants.api.FunctionCatalog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One Lambda per deployable: its settings, environment, alias, log group and exactly its IAM permissions. */
class FunctionsTest {

    private static final String TOKENS = "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:"
            + "participants/tenants/*/integrations/*/token-??????";

    private final Synth synth = Synth.get();

    @Test
    void oneFunctionPerDeployableWithReadableLogicalIds() {
        List<String> deployables = FunctionCatalog.allDeployables();
        assertThat(synth.resources("AWS::Lambda::Function")).hasSize(deployables.size());
        assertThat(synth.resources("AWS::Lambda::Function").keySet())
                .containsExactlyInAnyOrderElementsOf(deployables.stream().map(Functions::logicalId).toList());
        assertThat(Functions.logicalId("get-participant")).isEqualTo("GetParticipantFunction");
        assertThat(Functions.logicalId(FunctionCatalog.PARTICIPANT_STATE)).isEqualTo("ParticipantStateFunction");
        assertThat(Functions.logicalId(FunctionCatalog.CONFIG_CONNECTION))
                .isEqualTo("IntegrationConfigConnectionFunction");
    }

    /** The deployables that call Slack within a request, and so wait on its deadlines. */
    private static final Set<String> SLACK_CALLERS = Set.of("sync-participant-avatar",
            FunctionCatalog.CONFIG_CONNECTION, "slack-oauth-callback", "microsoft-oauth-callback");

    @Test
    void everyFunctionRunsTheHandlerOnJava25Arm64WithSnapStartAndJsonLogs() {
        for (String deployable : FunctionCatalog.deployables()) {
            String id = Functions.logicalId(deployable);
            Map<String, Object> fn = Synth.props(synth.resource(id));
            assertThat(fn).as(deployable)
                    .containsEntry("Handler", "io.participants.api.ParticipantsHandler")
                    .containsEntry("Runtime", "java25")
                    .containsEntry("Architectures", List.of("arm64"))
                    .containsEntry("MemorySize", 1024)
                    .containsEntry("Timeout", SLACK_CALLERS.contains(deployable) ? 29 : 10)
                    .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"))
                    .containsEntry("LoggingConfig", Map.of("LogFormat", "JSON", "LogGroup", Map.of("Ref", id + "Logs")))
                    .containsEntry("TracingConfig", Map.of("Mode", "Active"));
            assertThat(Synth.text(fn.get("Role"))).isEqualTo("${" + id + "Role.Arn}");
            assertThat(Synth.props(synth.resource(id + "Logs"))).containsEntry("RetentionInDays", 30);
        }
    }

    @Test
    void everyFunctionHasALiveAliasOnItsPublishedVersion() {
        assertThat(synth.resources("AWS::Lambda::Version")).hasSize(FunctionCatalog.deployables().size());
        for (String deployable : FunctionCatalog.deployables()) {
            String id = Functions.logicalId(deployable);
            Map<String, Object> alias = Synth.props(synth.resource(id + "Alias"));
            assertThat(alias).containsEntry("Name", "live").containsEntry("FunctionName", Map.of("Ref", id));
            String version = Synth.text(alias.get("FunctionVersion"));
            assertThat(version).endsWith(".Version}");
            String versionId = version.substring(2, version.indexOf('.'));
            assertThat(synth.resource(versionId)).containsEntry("Type", "AWS::Lambda::Version");
            assertThat(Synth.props(synth.resource(versionId))).containsEntry("FunctionName", Map.of("Ref", id));
        }
    }

    /** Decision 0007: SnapStart does not change the JIT setting; every SnapStart function runs C1 only. */
    @Test
    void everySnapStartFunctionRunsC1OnlyAsDecided() {
        FunctionCatalog.deployables().forEach(deployable -> {
            Map<String, Object> fn = Synth.props(synth.resource(Functions.logicalId(deployable)));
            assertThat(fn).as(deployable).containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
            assertThat(environment(deployable)).as(deployable)
                    .containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        });
    }

    @Test
    void environmentNamesTheFunctionAndOnlyTheResourcesItUses() {
        String table = synth.onlyLogicalId("AWS::DynamoDB::Table");
        String api = synth.onlyLogicalId("AWS::ApiGatewayV2::Api");
        Permissions.forCatalog().forEach((deployable, permissions) -> {
            Map<String, String> expected = new TreeMap<>();
            expected.put("PARTICIPANTS_FUNCTION", deployable);
            expected.put("PARTICIPANTS_TABLE_NAME", "${" + table + "}");
            expected.put("PARTICIPANTS_TENANT_CLAIM", "tenant_id");
            expected.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
            // declared empty (AWS's own endpoint), for sam local invoke to point at local mode
            expected.put("PARTICIPANTS_DYNAMODB_ENDPOINT", "");
            if (permissions.usesAvatars()) {
                expected.put("PARTICIPANTS_AVATARS_BUCKET", "${" + avatarBucket() + "}");
                expected.put("PARTICIPANTS_AVATARS_TAG_UPLOADS", "true");
                expected.put("PARTICIPANTS_S3_ENDPOINT", "");
            }
            if (permissions.usesSecrets()) {
                expected.put("PARTICIPANTS_SECRETS_PREFIX", "participants");
                expected.put("PARTICIPANTS_SECRETS_ENDPOINT", "");
            }
            if (permissions.oauthFlow()) {
                expected.put("PARTICIPANTS_OAUTH_REDIRECT_URI", "${" + api + ".ApiEndpoint}/v1/oauth/slack/callback");
            }
            if (Permissions.showsWebhooks(deployable)) {
                expected.put("PARTICIPANTS_WEBHOOKS_BASE_URL", "${" + api + ".ApiEndpoint}/v1/webhooks/");
            }
            assertThat(environment(deployable)).as(deployable).isEqualTo(expected);
        });
    }

    @Test
    void theOAuthFunctionsAloneGetTheRedirectUriAndSecretsPrefix() {
        List<String> withRedirect = new ArrayList<>();
        List<String> withSecrets = new ArrayList<>();
        List<String> withBucket = new ArrayList<>();
        for (String deployable : FunctionCatalog.deployables()) {
            Map<String, String> env = environment(deployable);
            if (env.containsKey("PARTICIPANTS_OAUTH_REDIRECT_URI")) {
                withRedirect.add(deployable);
            }
            if (env.containsKey("PARTICIPANTS_SECRETS_PREFIX")) {
                withSecrets.add(deployable);
            }
            if (env.containsKey("PARTICIPANTS_AVATARS_BUCKET")) {
                withBucket.add(deployable);
            }
        }
        assertThat(withRedirect).containsExactlyInAnyOrder("integration-config-connection", "slack-oauth-callback",
                "microsoft-oauth-callback");
        assertThat(withSecrets).containsExactlyInAnyOrder("integration-config-connection", "slack-oauth-callback",
                "microsoft-oauth-callback", "sync-participant-avatar", "receive-webhook");
        assertThat(withBucket).containsExactlyInAnyOrder("update-participant", "delete-participant",
                "sync-participant-avatar", "get-participant-avatar", "upload-participant-avatar",
                "delete-participant-avatar", "add-conversation-participant",
                "list-conversation-participants", "get-conversation-participant",
                "get-conversation-participant-by-identifier", "update-conversation-participant",
                "update-conversation-participant-by-identifier");
    }

    /** Each role's policy, statement by statement, is what {@link Permissions} says and nothing else. */
    @Test
    void everyRoleHoldsExactlyItsPermissions() {
        String table = "${" + synth.onlyLogicalId("AWS::DynamoDB::Table") + ".Arn}";
        String avatars = "${" + avatarBucket() + ".Arn}/avatars/*";
        String slackApp = "${" + secret("participants/slack/app") + "}";
        String microsoftApp = "${" + secret("participants/microsoft/app") + "}";
        String stateKey = "${" + secret("participants/oauth/state-key") + "}";
        Permissions.forCatalog().forEach((deployable, p) -> {
            String id = Functions.logicalId(deployable);
            Map<String, Statement> expected = new LinkedHashMap<>();
            expected.put("Logs", new Statement(Set.of("logs:CreateLogStream", "logs:PutLogEvents"),
                    List.of("${" + id + "Logs.Arn}")));
            expected.put("Tracing", TRACING);
            expected.put("Table", new Statement(p.tableActions(), List.of(table)));
            if (p.queriesIndexes()) {
                expected.put("Indexes", new Statement(Set.of("dynamodb:Query"), List.of(table + "/index/*")));
            }
            if (p.usesAvatars()) {
                expected.put("Avatars", new Statement(p.avatarActions(), List.of(avatars)));
            }
            List<String> appSecrets = new java.util.ArrayList<>();
            if (p.appSecrets().contains(Permissions.SLACK_APP)) {
                appSecrets.add(slackApp);
            }
            if (p.appSecrets().contains(Permissions.MICROSOFT_APP)) {
                appSecrets.add(microsoftApp);
            }
            if (p.oauthFlow()) {
                appSecrets.add(stateKey);
            }
            if (!appSecrets.isEmpty()) {
                expected.put("OAuthSecrets", new Statement(Set.of("secretsmanager:GetSecretValue"), appSecrets));
            }
            if (!p.tokenActions().isEmpty()) {
                expected.put("TokenSecrets", new Statement(p.tokenActions(), List.of(TOKENS)));
            }
            assertThat(policy(deployable)).as(deployable).isEqualTo(expected);
        });
    }

    @Test
    void getParticipantReadsOnlyTheTable() {
        String table = "${" + synth.onlyLogicalId("AWS::DynamoDB::Table") + ".Arn}";
        assertThat(policy("get-participant")).isEqualTo(Map.of(
                "Logs", new Statement(Set.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        List.of("${GetParticipantFunctionLogs.Arn}")),
                "Tracing", TRACING,
                "Table", new Statement(Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem"), List.of(table))));
    }

    @Test
    void spotChecksOfTheOtherFamilies() {
        String table = "${" + synth.onlyLogicalId("AWS::DynamoDB::Table") + ".Arn}";
        String avatars = "${" + avatarBucket() + ".Arn}/avatars/*";

        Map<String, Statement> sync = policy("sync-participant-avatar");
        assertThat(sync.get("Table")).isEqualTo(new Statement(Set.of("dynamodb:GetItem", "dynamodb:PutItem",
                "dynamodb:UpdateItem", "dynamodb:BatchGetItem"), List.of(table)));
        assertThat(sync.get("Avatars")).isEqualTo(new Statement(Set.of("s3:PutObject", "s3:PutObjectTagging",
                "s3:DeleteObjectTagging", "s3:DeleteObject"), List.of(avatars)));
        // a Microsoft token is refreshed there: its app's secret, never Slack's, and a conditional replace
        assertThat(sync.get("TokenSecrets")).isEqualTo(new Statement(Set.of("secretsmanager:GetSecretValue",
                "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"), List.of(TOKENS)));
        assertThat(sync.get("OAuthSecrets")).isEqualTo(new Statement(Set.of("secretsmanager:GetSecretValue"),
                List.of("${" + secret("participants/microsoft/app") + "}")));

        Map<String, Statement> connection = policy("integration-config-connection");
        // :generateWebhookUrl and :rotateWebhook read the webhook (BatchGetItem) and delete the rotated-away key
        assertThat(connection.get("Table")).isEqualTo(new Statement(Set.of("dynamodb:GetItem", "dynamodb:PutItem",
                "dynamodb:UpdateItem", "dynamodb:BatchGetItem", "dynamodb:DeleteItem"), List.of(table)));
        Map<String, Statement> webhook = policy(FunctionCatalog.RECEIVE_WEBHOOK);
        assertThat(webhook.get("Table")).isEqualTo(new Statement(Set.of("dynamodb:GetItem",
                "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"), List.of(table)));
        assertThat(webhook.get("TokenSecrets").actions()).containsExactly("secretsmanager:GetSecretValue");
        // the Slack app's signing secret only: no state key, no Microsoft app
        assertThat(webhook.get("OAuthSecrets").resources()).hasSize(1);
        assertThat(webhook).doesNotContainKey("Avatars");
        // :connect stores a Telegram bot token as the callback stores Slack's
        assertThat(connection.get("TokenSecrets")).isEqualTo(new Statement(Set.of("secretsmanager:GetSecretValue",
                "secretsmanager:CreateSecret", "secretsmanager:TagResource", "secretsmanager:PutSecretValue",
                "secretsmanager:DeleteSecret"), List.of(TOKENS)));
        assertThat(connection.get("OAuthSecrets").resources()).hasSize(3);
        assertThat(connection).doesNotContainKey("Avatars");

        Map<String, Statement> microsoftCallback = policy("microsoft-oauth-callback");
        assertThat(microsoftCallback.get("OAuthSecrets")).isEqualTo(new Statement(
                Set.of("secretsmanager:GetSecretValue"), List.of("${" + secret("participants/microsoft/app") + "}",
                "${" + secret("participants/oauth/state-key") + "}")));

        Map<String, Statement> callback = policy("slack-oauth-callback");
        assertThat(callback.get("Table")).isEqualTo(new Statement(Set.of("dynamodb:GetItem", "dynamodb:DeleteItem",
                "dynamodb:UpdateItem"), List.of(table)));
        assertThat(callback.get("TokenSecrets")).isEqualTo(new Statement(Set.of("secretsmanager:CreateSecret",
                "secretsmanager:TagResource", "secretsmanager:PutSecretValue", "secretsmanager:DeleteSecret"),
                List.of(TOKENS)));

        Map<String, Statement> contact = policy("list-contact-conversations");
        assertThat(contact.get("Table")).isEqualTo(new Statement(Set.of("dynamodb:BatchGetItem"), List.of(table)));
        assertThat(contact.get("Indexes")).isEqualTo(new Statement(Set.of("dynamodb:Query"),
                List.of(table + "/index/*")));
        assertThat(contact.keySet()).containsExactlyInAnyOrder("Logs", "Tracing", "Table", "Indexes");

        assertThat(policy("get-participant-avatar").get("Avatars"))
                .isEqualTo(new Statement(Set.of("s3:GetObject"), List.of(avatars)));
        assertThat(policy("delete-participant").get("Avatars"))
                .isEqualTo(new Statement(Set.of("s3:DeleteObject"), List.of(avatars)));
        assertThat(policy("create-integration-config")).containsOnlyKeys("Logs", "Tracing", "Table");
    }

    @Test
    void noRoleHasAWildcardActionOrAManagedPolicy() {
        synth.resources("AWS::IAM::Role").forEach((id, role) -> {
            assertThat(Synth.props(role)).as(id).doesNotContainKey("ManagedPolicyArns");
            policyOf(id).values().forEach(s -> assertThat(s.actions()).as(id).noneMatch(a -> a.contains("*")));
        });
        assertThat(synth.resources("AWS::IAM::Policy")).isEmpty();
    }

    @Test
    void permissionsCoverTheCatalogExactly() {
        assertThat(Permissions.forCatalog().keySet()).containsExactlyElementsOf(FunctionCatalog.deployables());
        assertThatThrownBy(() -> Functions.logicalId("")).isInstanceOf(RuntimeException.class);
    }

    /** What the runtime needs to send an actively traced function's segments; X-Ray takes no resource but *. */
    private static final Statement TRACING = new Statement(Set.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"),
            List.of("*"));

    record Statement(Set<String> actions, List<String> resources) {
        Statement {
            actions = new TreeSet<>(actions);
            resources = List.copyOf(resources);
        }
    }

    private Map<String, Statement> policy(String deployable) {
        return policyOf(Functions.logicalId(deployable) + "Role");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Statement> policyOf(String roleId) {
        List<Map<String, Object>> policies = (List<Map<String, Object>>) Synth.props(synth.resource(roleId))
                .get("Policies");
        assertThat(policies).as(roleId).hasSize(1);
        Map<String, Object> document = (Map<String, Object>) policies.get(0).get("PolicyDocument");
        Map<String, Statement> statements = new LinkedHashMap<>();
        for (Map<String, Object> s : (List<Map<String, Object>>) document.get("Statement")) {
            assertThat(s).as(roleId).containsEntry("Effect", "Allow").doesNotContainKey("Condition");
            Object previous = statements.put((String) s.get("Sid"),
                    new Statement(new TreeSet<>(Synth.texts(s.get("Action"))), Synth.texts(s.get("Resource"))));
            assertThat(previous).as(roleId + " duplicate Sid").isNull();
        }
        return statements;
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> environment(String deployable) {
        Map<String, Object> env = (Map<String, Object>) Synth.props(
                synth.resource(Functions.logicalId(deployable))).get("Environment");
        Map<String, Object> variables = (Map<String, Object>) env.get("Variables");
        Map<String, String> out = new TreeMap<>();
        variables.forEach((k, v) -> out.put(k, Synth.text(v)));
        return out;
    }

    private String avatarBucket() {
        return synth.resources("AWS::S3::Bucket").entrySet().stream()
                .filter(e -> Synth.props(e.getValue()).containsKey("LoggingConfiguration"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private String secret(String name) {
        return synth.resources("AWS::SecretsManager::Secret").entrySet().stream()
                .filter(e -> name.equals(Synth.props(e.getValue()).get("Name")))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }
}
