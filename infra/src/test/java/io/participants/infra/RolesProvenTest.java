package io.participants.infra;

import io.participants.api.FunctionCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each function's role, read from the synthesized template, against the AWS calls its deployable made across the
 * functions' whole test suite (event replays, integration, fault, concurrency and priming tests), as recorded by
 * {@code AwsCallRecorder} in {@value #CALLS_FILE}: every call is allowed on the resource it named, and every granted
 * action was called at least once. Resources are compared by what they stand for: {@code table},
 * {@code table/index/*}, {@code bucket/avatars/*}, {@code secret:tenant-token}, {@code secret:slack-app},
 * {@code secret:state-key}, {@code bus}, {@code queue:avatar-syncs}; the change-events publisher's stream reads and
 * failure queue, which the event source mapping uses, are {@link #MAPPING_GRANTS}, and the auto-sync worker's queue
 * reads {@link #QUEUE_MAPPING_GRANTS}.
 */
class RolesProvenTest {

    static final String CALLS_FILE = "../functions/api/target/aws-calls.tsv";

    /** What the Lambda runtime itself does with the role, not the code: writing the logs, sending the trace. */
    private static final Set<String> RUNTIME_ACTIONS = Set.of("logs:CreateLogStream", "logs:PutLogEvents",
            "xray:PutTraceSegments", "xray:PutTelemetryRecords");

    /**
     * What Lambda's event source mapping does with the publisher's role, not the code: reading the table's stream
     * and sending a failed batch's place to the failure queue. Only the publisher may hold these, on these resources.
     */
    static final Set<String> MAPPING_GRANTS = Set.of(grant("dynamodb:DescribeStream", "table/stream"),
            grant("dynamodb:GetRecords", "table/stream"), grant("dynamodb:GetShardIterator", "table/stream"),
            grant("dynamodb:ListStreams", "*"), grant("sqs:SendMessage", "queue:change-event-failures"));

    /** What the auto-sync queue's event source mapping does with the worker's role: receive and delete its messages. */
    static final Set<String> QUEUE_MAPPING_GRANTS = Set.of(grant("sqs:ReceiveMessage", "queue:avatar-syncs"),
            grant("sqs:DeleteMessage", "queue:avatar-syncs"), grant("sqs:GetQueueAttributes", "queue:avatar-syncs"));

    /** The grants of {@code deployable} that an event source mapping, not the code, uses. */
    static Set<String> mappingGrantsOf(String deployable) {
        return deployable.equals(FunctionCatalog.CHANGE_EVENTS) ? MAPPING_GRANTS
                : deployable.equals(FunctionCatalog.AVATAR_SYNC_WORKER) ? QUEUE_MAPPING_GRANTS : Set.of();
    }

    private static Map<String, Set<String>> observed;
    private static Map<String, Set<String>> granted;

    /** One action on one symbolic resource. */
    private static String grant(String action, String resource) {
        return action + " on " + resource;
    }

    @BeforeAll
    static void read() throws IOException {
        Path calls = Path.of(CALLS_FILE);
        assumeTrue(Files.exists(calls), "no recorded calls: the functions' suite runs before this one (mvn verify)");
        observed = new TreeMap<>();
        for (String line : Files.readAllLines(calls, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t");
            observed.computeIfAbsent(fields[0], d -> new TreeSet<>()).add(grant(fields[1], fields[2]));
        }
        granted = grantsOfTheTemplate(Synth.get());
    }

    @Test
    void everyDeployableWasSeenCallingAws() {
        assertThat(observed.keySet()).containsExactlyInAnyOrderElementsOf(FunctionCatalog.allDeployables());
    }

    @Test
    void everyCallADeployableMadeIsAllowedByItsRole() {
        Map<String, Set<String>> denied = new TreeMap<>();
        observed.forEach((deployable, calls) -> {
            Set<String> missing = new TreeSet<>(calls);
            missing.removeAll(granted.getOrDefault(deployable, Set.of()));
            if (!missing.isEmpty()) {
                denied.put(deployable, missing);
            }
        });
        assertThat(denied).as("calls each role does not allow").isEmpty();
    }

    @Test
    void everyActionARoleGrantsWasCalled() {
        Map<String, Set<String>> unused = new TreeMap<>();
        granted.forEach((deployable, grants) -> {
            Set<String> never = new TreeSet<>(grants);
            never.removeAll(observed.getOrDefault(deployable, Set.of()));
            never.removeIf(g -> RUNTIME_ACTIONS.contains(g.substring(0, g.indexOf(" on "))));
            never.removeAll(mappingGrantsOf(deployable));
            if (!never.isEmpty()) {
                unused.put(deployable, never);
            }
        });
        assertThat(unused).as("grants no test saw a deployable use").isEmpty();
    }

    @Test
    void theStreamMappingsGrantsAreThePublishersAndExactlyThese() {
        granted.forEach((deployable, grants) -> {
            Set<String> mapping = new TreeSet<>(grants);
            mapping.retainAll(MAPPING_GRANTS);
            assertThat(mapping).as(deployable)
                    .isEqualTo(deployable.equals(FunctionCatalog.CHANGE_EVENTS) ? MAPPING_GRANTS : Set.of());
            Set<String> queueMapping = new TreeSet<>(grants);
            queueMapping.retainAll(QUEUE_MAPPING_GRANTS);
            assertThat(queueMapping).as(deployable).isEqualTo(
                    deployable.equals(FunctionCatalog.AVATAR_SYNC_WORKER) ? QUEUE_MAPPING_GRANTS : Set.of());
        });
        assertThat(observed.get(FunctionCatalog.CHANGE_EVENTS)).containsExactly(grant("events:PutEvents", "bus"));
    }

    /**
     * Issue 22: a function that reads a Teams token (a tenant token secret, refreshed with the Microsoft app's
     * credentials) may read the Slack app's secret only where the suite saw it do so; the avatar sync and the
     * Microsoft callback, which never talk to Slack's OAuth, hold no grant on it at all.
     */
    @Test
    void aFunctionReadingATeamsTokenReadsNoSlackSecretItDoesNotUse() {
        String slackApp = grant("secretsmanager:GetSecretValue", "secret:slack-app");
        String microsoftApp = grant("secretsmanager:GetSecretValue", "secret:microsoft-app");
        granted.forEach((deployable, grants) -> {
            if (grants.contains(microsoftApp) && grants.contains(slackApp)) {
                assertThat(observed.getOrDefault(deployable, Set.of())).as(deployable).contains(slackApp);
            }
        });
        for (String teamsReader : List.of("sync-participant-avatar", "microsoft-oauth-callback")) {
            assertThat(granted.get(teamsReader)).as(teamsReader).contains(microsoftApp).doesNotContain(slackApp)
                    .noneMatch(g -> g.endsWith(" on secret:slack-app"));
        }
        assertThat(granted.get("sync-participant-avatar"))
                .contains(grant("secretsmanager:GetSecretValue", "secret:tenant-token"));
    }

    /** The note's figures: per deployable, the distinct calls observed and the actions granted (runtime's aside). */
    @Test
    void figures() {
        granted.forEach((deployable, grants) -> System.out.printf("role %s: %d observed calls / %d granted%n",
                deployable, observed.getOrDefault(deployable, Set.of()).size(),
                grants.stream().filter(g -> !RUNTIME_ACTIONS.contains(g.substring(0, g.indexOf(" on ")))).count()));
        assertThat(granted).hasSameSizeAs(observed);
    }

    /** Each deployable's grants, as action-on-resource, from its role's inline policy in the template. */
    @SuppressWarnings("unchecked")
    private static Map<String, Set<String>> grantsOfTheTemplate(Synth synth) {
        Map<String, String> symbols = symbols(synth);
        Map<String, Set<String>> grants = new TreeMap<>();
        for (String deployable : FunctionCatalog.allDeployables()) {
            Map<String, Object> role = synth.resource(Functions.logicalId(deployable) + "Role");
            Set<String> out = new TreeSet<>();
            for (Map<String, Object> policy : (List<Map<String, Object>>) Synth.props(role).get("Policies")) {
                Map<String, Object> document = (Map<String, Object>) policy.get("PolicyDocument");
                for (Map<String, Object> statement : (List<Map<String, Object>>) document.get("Statement")) {
                    assertThat(statement).containsEntry("Effect", "Allow");
                    for (String action : Synth.texts(statement.get("Action"))) {
                        for (String resource : Synth.texts(statement.get("Resource"))) {
                            out.add(grant(action, symbol(symbols, resource)));
                        }
                    }
                }
            }
            grants.put(deployable, out);
        }
        return grants;
    }

    /** The template's resource ARNs (as {@link Synth#text} renders them) and what each stands for. */
    private static Map<String, String> symbols(Synth synth) {
        String table = "${" + synth.onlyLogicalId("AWS::DynamoDB::Table") + ".Arn}";
        String bucket = synth.resources("AWS::S3::Bucket").entrySet().stream()
                .filter(e -> Synth.props(e.getValue()).containsKey("LoggingConfiguration"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        Map<String, String> symbols = new TreeMap<>();
        symbols.put(table, "table");
        symbols.put(table + "/index/*", "table/index/*");
        symbols.put("${" + synth.onlyLogicalId("AWS::DynamoDB::Table") + ".StreamArn}", "table/stream");
        symbols.put("${" + synth.onlyLogicalId("AWS::Events::EventBus") + ".Arn}", "bus");
        symbols.put("${ChangeEventFailures.Arn}", "queue:change-event-failures");
        symbols.put("${AvatarSyncQueue.Arn}", "queue:avatar-syncs");
        symbols.put("${" + bucket + ".Arn}/" + AvatarStorage.KEY_PREFIX + "*", "bucket/avatars/*");
        symbols.put(secretRef(synth, Secrets.slackAppName(Settings.DEFAULT_SECRETS_PREFIX)), "secret:slack-app");
        symbols.put(secretRef(synth, Secrets.microsoftAppName(Settings.DEFAULT_SECRETS_PREFIX)),
                "secret:microsoft-app");
        symbols.put(secretRef(synth, Secrets.stateKeyName(Settings.DEFAULT_SECRETS_PREFIX)), "secret:state-key");
        return symbols;
    }

    private static String symbol(Map<String, String> symbols, String resource) {
        // arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:{prefix}/tenants/*/...-??????
        if (resource.contains(":secret:" + Secrets.tokenNamePattern(Settings.DEFAULT_SECRETS_PREFIX) + "-")) {
            return "secret:tenant-token";
        }
        return symbols.getOrDefault(resource, resource);
    }

    private static String secretRef(Synth synth, String name) {
        return synth.resources("AWS::SecretsManager::Secret").entrySet().stream()
                .filter(e -> name.equals(Synth.props(e.getValue()).get("Name")))
                .map(e -> "${" + e.getKey() + "}").findFirst().orElseThrow();
    }
}
