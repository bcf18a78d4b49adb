package io.participants.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Synthesizes the stack offline (once, see {@link Synth}) and checks data, avatars, secrets, API stage and gates. */
class ParticipantsStackTest {

    private final Synth synth = Synth.get();
    private final Template template = synth.template;

    @Test
    void tableHasTheAdaptersKeySchemaAndIsProtected() {
        template.resourceCountIs("AWS::DynamoDB::Table", 1);
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(
                        Map.of("AttributeName", "PK", "KeyType", "HASH"),
                        Map.of("AttributeName", "SK", "KeyType", "RANGE")),
                "BillingMode", "PAY_PER_REQUEST",
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "SSESpecification", Map.of("SSEEnabled", true),
                "TimeToLiveSpecification", Map.of("AttributeName", "ttl", "Enabled", true)));
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void tableHasTheIndexesTheAdapterQueries() {
        for (String index : List.of("GSI1", "GSI2", "GSI3")) {
            template.hasResourceProperties("AWS::DynamoDB::Table", Map.of("GlobalSecondaryIndexes",
                    Match.arrayWith(List.of(Map.of(
                            "IndexName", index,
                            "KeySchema", List.of(
                                    Map.of("AttributeName", index + "PK", "KeyType", "HASH"),
                                    Map.of("AttributeName", index + "SK", "KeyType", "RANGE")),
                            "Projection", Map.of("ProjectionType", "ALL"))))));
        }
        Map<String, Object> table = Synth.props(synth.resource(synth.onlyLogicalId("AWS::DynamoDB::Table")));
        assertThat((List<?>) table.get("GlobalSecondaryIndexes")).hasSize(3);
    }

    @Test
    void avatarBucketIsPrivateEncryptedOwnerEnforcedAndRetained() {
        String bucket = avatarBucket();
        Map<String, Object> props = Synth.props(synth.resource(bucket));
        assertThat(props).containsEntry("PublicAccessBlockConfiguration", Map.of(
                "BlockPublicAcls", true, "BlockPublicPolicy", true,
                "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(props).containsEntry("BucketEncryption", Map.of("ServerSideEncryptionConfiguration",
                List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))));
        assertThat(props).containsEntry("OwnershipControls",
                Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))));
        assertThat(props).doesNotContainKey("VersioningConfiguration");
        assertThat(synth.resource(bucket)).containsEntry("DeletionPolicy", "Retain")
                .containsEntry("UpdateReplacePolicy", "Retain");
        @SuppressWarnings("unchecked")
        Map<String, Object> logging = (Map<String, Object>) props.get("LoggingConfiguration");
        assertThat(Synth.text(logging.get("DestinationBucketName"))).isEqualTo("${" + accessLogBucket() + "}");
    }

    @Test
    void avatarBucketExpiresPendingUploadsAndAbortsMultipartUploads() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("LifecycleConfiguration", Map.of("Rules", List.of(
                Map.of("Id", "ExpirePendingUploads", "Status", "Enabled", "ExpirationInDays", 1,
                        "TagFilters", List.of(Map.of("Key", "avatar-state", "Value", "pending"))),
                Map.of("Id", "AbortIncompleteMultipartUploads", "Status", "Enabled",
                        "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1))))));
    }

    @Test
    void bothBucketsRefuseRequestsWithoutTls() {
        for (String bucket : List.of(avatarBucket(), accessLogBucket())) {
            template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                    "Bucket", Map.of("Ref", bucket),
                    "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "Effect", "Deny", "Action", "s3:*", "Principal", Map.of("AWS", "*"),
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
        }
        Map<String, Object> logs = Synth.props(synth.resource(accessLogBucket()));
        assertThat(logs).containsKeys("PublicAccessBlockConfiguration", "BucketEncryption", "OwnershipControls");
        assertThat(logs).doesNotContainKey("AccessControl");
    }

    @Test
    void secretsHaveTheNamesTheFunctionsReadAndGeneratedValues() {
        template.resourceCountIs("AWS::SecretsManager::Secret", 3);
        template.hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
                "Name", "participants/microsoft/app",
                "GenerateSecretString", Map.of(
                        "SecretStringTemplate", Secrets.MICROSOFT_APP_TEMPLATE,
                        "GenerateStringKey", "clientSecret",
                        "ExcludePunctuation", true)));
        template.hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
                "Name", "participants/slack/app",
                "GenerateSecretString", Map.of(
                        "SecretStringTemplate", "{\"clientId\":\"REPLACE_ME\"}",
                        "GenerateStringKey", "clientSecret",
                        "ExcludePunctuation", true)));
        template.hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
                "Name", "participants/oauth/state-key",
                "GenerateSecretString", Map.of(
                        "PasswordLength", 64, "ExcludePunctuation", true, "IncludeSpace", false)));
    }

    @Test
    void apiHasAJwtAuthorizerFromContext() {
        template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
        template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "HTTP"));
        template.resourceCountIs("AWS::ApiGatewayV2::Authorizer", 1);
        template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Map.of(
                "AuthorizerType", "JWT",
                "IdentitySource", List.of("$request.header.Authorization"),
                "JwtConfiguration", Map.of("Issuer", Synth.ISSUER, "Audience", List.of(Synth.AUDIENCE))));
    }

    @Test
    void defaultStageAutoDeploysThrottlesAndLogsAccessAsJson() {
        template.resourceCountIs("AWS::ApiGatewayV2::Stage", 1);
        Map<String, Object> stage = Synth.props(synth.resource(synth.onlyLogicalId("AWS::ApiGatewayV2::Stage")));
        assertThat(stage).containsEntry("StageName", "$default").containsEntry("AutoDeploy", true)
                .containsEntry("DefaultRouteSettings", Map.of("ThrottlingBurstLimit", 100, "ThrottlingRateLimit", 50));
        @SuppressWarnings("unchecked")
        Map<String, Object> access = (Map<String, Object>) stage.get("AccessLogSettings");
        String format = (String) access.get("Format");
        assertThat(format).startsWith("{").endsWith("}").contains("\"requestId\":\"$context.requestId\"",
                "\"routeKey\":\"$context.routeKey\"", "\"status\":\"$context.status\"",
                "\"ip\":\"$context.identity.sourceIp\"");
        String logGroup = Synth.text(access.get("DestinationArn"));
        String id = logGroup.substring(2, logGroup.indexOf('.'));
        assertThat(Synth.props(synth.resource(id))).containsEntry("RetentionInDays", 30);
    }

    @Test
    void outputsNameTheApiTheTableAndTheBucket() {
        template.hasOutput("ApiUrl", Map.of("Value", Map.of("Fn::GetAtt",
                List.of(synth.onlyLogicalId("AWS::ApiGatewayV2::Api"), "ApiEndpoint"))));
        template.hasOutput("TableName", Map.of("Value", Map.of("Ref", synth.onlyLogicalId("AWS::DynamoDB::Table"))));
        template.hasOutput("AvatarBucketName", Map.of("Value", Map.of("Ref", avatarBucket())));
    }

    @Test
    @SuppressWarnings("deprecation") // findError answers cxapi.SynthesisMessage, deprecated without a replacement here
    void cdkNagFindsNoUnsuppressedError() {
        List<SynthesisMessage> errors = Annotations.fromStack(synth.stack)
                .findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(errors).extracting(m -> m.getId() + ": " + m.getEntry().getData()).isEmpty();
    }

    @Test
    void cdkNagRanAndEverySuppressionGivesAReason() {
        // the aspect ran: suppressed findings are recorded in the resources' metadata with their reasons
        Set<String> suppressed = new LinkedHashSet<>();
        synth.resources().forEach((id, resource) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) resource.getOrDefault("Metadata", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> nag = (Map<String, Object>) metadata.getOrDefault("cdk_nag", Map.of());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rules = (List<Map<String, Object>>) nag.getOrDefault("rules_to_suppress",
                    List.of());
            for (Map<String, Object> rule : rules) {
                assertThat((String) rule.get("reason")).as(id + " " + rule.get("id")).hasSizeGreaterThan(40);
                suppressed.add((String) rule.get("id"));
            }
        });
        // SQS3: the change events' failure queue is itself a dead-letter destination
        assertThat(suppressed).containsExactlyInAnyOrder("AwsSolutions-S1", "AwsSolutions-SMG4",
                "AwsSolutions-APIG4", "AwsSolutions-IAM5", "AwsSolutions-SQS3");
    }

    /** CloudFormation refuses a template whose resources depend on each other in a circle. */
    @Test
    void resourcesHaveNoCircularDependency() {
        Map<String, Set<String>> edges = new HashMap<>();
        synth.resources().forEach((id, resource) -> {
            Set<String> deps = new HashSet<>();
            collectReferences(resource.get("Properties"), deps);
            Object dependsOn = resource.get("DependsOn");
            if (dependsOn instanceof String s) {
                deps.add(s);
            } else if (dependsOn instanceof List<?> l) {
                l.forEach(d -> deps.add((String) d));
            }
            deps.retainAll(synth.resources().keySet());
            edges.put(id, deps);
        });
        Map<String, Integer> state = new HashMap<>();
        for (String start : edges.keySet()) {
            assertThat(cycleFrom(start, edges, state, new ArrayDeque<>())).as("dependency cycle").isNull();
        }
    }

    private static List<String> cycleFrom(String node, Map<String, Set<String>> edges, Map<String, Integer> state,
                                          Deque<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return null;
        }
        if (s != null && s == 1) {
            return List.copyOf(path);
        }
        state.put(node, 1);
        path.push(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            List<String> cycle = cycleFrom(next, edges, state, path);
            if (cycle != null) {
                return cycle;
            }
        }
        path.pop();
        state.put(node, 2);
        return null;
    }

    @SuppressWarnings("unchecked")
    private static void collectReferences(Object value, Set<String> into) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("Ref".equals(k) && v instanceof String s) {
                    into.add(s);
                } else if ("Fn::GetAtt".equals(k) && v instanceof List<?> l) {
                    into.add((String) l.get(0));
                } else if ("Fn::Sub".equals(k)) {
                    String text = v instanceof List<?> l ? (String) l.get(0) : (String) v;
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9]+)[.}]")
                            .matcher(text);
                    while (m.find()) {
                        into.add(m.group(1));
                    }
                    collectReferences(v, into);
                } else {
                    collectReferences(v, into);
                }
            });
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectReferences(v, into));
        }
    }

    private String avatarBucket() {
        return synth.resources("AWS::S3::Bucket").entrySet().stream()
                .filter(e -> Synth.props(e.getValue()).containsKey("LoggingConfiguration"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private String accessLogBucket() {
        return synth.resources("AWS::S3::Bucket").keySet().stream().filter(id -> !id.equals(avatarBucket()))
                .findFirst().orElseThrow();
    }
}
