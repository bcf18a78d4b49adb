package io.participants.infra;

import io.participants.api.FunctionCatalog;
import io.participants.api.config.EnvironmentVariables;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnAlias;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Lambda per deployable of {@link FunctionCatalog}, all running the same zip, each with its own role holding
 * exactly its {@link Permissions}, its own log group, a SnapStart-published version and the alias {@value #ALIAS}
 * that the API integrates with.
 */
public final class Functions extends Construct {

    /**
     * Every function's handler: Micronaut's HTTP API (payload 2.0) handler, see functions/api. The class alone, without
     * {@code ::handleRequest}: the runtime then calls it as a {@code RequestStreamHandler}, handing the event over as
     * bytes that the function reads with its own JSON stack, and loads no serializer of its own.
     */
    public static final String HANDLER = "io.participants.api.ParticipantsHandler";
    /** The alias the API invokes: it points at the version published (and snapshotted) by this deployment. */
    public static final String ALIAS = "live";
    /**
     * Memory, from the benchmark (docs/performance.md): a function peaks at about 175 MiB resident on
     * its cold start, so 512 MB would hold it; but Lambda allots CPU in proportion to memory, and a Java cold start is
     * CPU-bound class loading (7,700 classes), so each function gets 1024 MB, about 0.6 vCPU. Re-measure
     * ({@code ./bench}) before changing it.
     */
    public static final int MEMORY_MB = 1024;
    /**
     * Timeout of a function that only uses AWS: each SDK call is bounded to 3 attempts and 5 s, and no attempt starts
     * in the last 300 ms of the invocation (functions/api, aws.ClientBudgets and InvocationDeadline), so the function
     * answers a 503 problem itself rather than time out; measured warm requests take milliseconds and a first request
     * without SnapStart about a second (docs/performance.md).
     */
    public static final Duration TIMEOUT = Duration.seconds(10);
    /**
     * Timeout of a function that calls Slack (avatar sync, OAuth callback, disconnect): a Web API call may take two
     * 5 s attempts around one Retry-After wait of at most 2 s (12 s), an image request 5 s, so a sync with one
     * image request stays under 17 s; 29 s is the most that API Gateway's 30 s integration limit leaves, for an image
     * behind redirects (up to three more requests).
     */
    public static final Duration PROVIDER_TIMEOUT = Duration.seconds(29);
    public static final RetentionDays LOG_RETENTION = RetentionDays.ONE_MONTH;
    /**
     * C1 only, SnapStart functions included (docs/decisions/0007-jit-tiering-with-snapstart.md): measured after
     * priming, the JVM's default tiering (which Lambda leaves on with SnapStart) made the first request and the warm
     * p50 slower and priming twice as long, as its profiled tier-3 code and C2's threads cost more than C2 gives back
     * within a function's life.
     */
    public static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    /** The path under which the inbound webhook route is published, appended to the API's endpoint. */
    public static final String WEBHOOKS_PATH = "/v1/webhooks/";

    /** The path of the Slack OAuth callback route, appended to the API's endpoint for the redirect URI. */
    public static final String SLACK_CALLBACK_PATH = "/v1/oauth/slack/callback";

    /**
     * @param lambdaZip     the Lambda artifact (functions/api/target/participants-api-lambda.zip)
     * @param table         the data table
     * @param avatars       the avatar bucket
     * @param secrets       the Slack app and OAuth state key secrets
     * @param secretsPrefix the prefix of every secret name
     * @param tenantClaim   the JWT claim naming the tenant
     * @param apiEndpoint   the API's base URL (a token), for the OAuth redirect URI
     */
    public record Props(Path lambdaZip, ITable table, IBucket avatars, Secrets secrets, String secretsPrefix,
                        String tenantClaim, String apiEndpoint) {
    }

    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final Map<String, Alias> aliases = new LinkedHashMap<>();

    public Functions(Construct scope, String id, Props props) {
        super(scope, id);
        if (!Files.isRegularFile(props.lambdaZip())) {
            throw new IllegalArgumentException("The Lambda artifact " + props.lambdaZip() + " does not exist: build it"
                    + " with `mvn -B -DskipTests package -pl functions/api -am`, or pass -c lambdaZip=PATH");
        }
        Code code = Code.fromAsset(props.lambdaZip().toString());
        Permissions.forCatalog().forEach((deployable, permissions) ->
                add(deployable, permissions, code, props));
    }

    /** The stable, readable CloudFormation logical id of a deployable's function: get-participant -> GetParticipantFunction. */
    public static String logicalId(String deployable) {
        StringBuilder out = new StringBuilder();
        for (String word : deployable.split("-")) {
            out.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
        }
        return out.append("Function").toString();
    }

    private void add(String deployable, Permissions permissions, Code code, Props props) {
        String name = logicalId(deployable);
        Construct scope = new Construct(this, name);

        LogGroup logs = LogGroup.Builder.create(scope, "Logs")
                .retention(LOG_RETENTION)
                .build();
        ((CfnLogGroup) logs.getNode().getDefaultChild()).overrideLogicalId(name + "Logs");

        Role role = Role.Builder.create(scope, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs the " + deployable + " function: its log group and " + deployable + "'s data only")
                .inlinePolicies(Map.of("access", PolicyDocument.Builder.create()
                        .statements(statements(permissions, logs, props)).build()))
                .build();
        ((CfnRole) role.getNode().getDefaultChild()).overrideLogicalId(name + "Role");
        suppressScopedWildcards(role, permissions, props);

        Function function = Function.Builder.create(scope, "Function")
                .description(deployable + ": " + String.join(", ", FunctionCatalog.servedBy(deployable).stream()
                        .map(FunctionCatalog.Function::routeKey).distinct().toList()))
                .code(code)
                .handler(HANDLER)
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .memorySize(MEMORY_MB)
                .timeout(timeoutOf(deployable))
                // the runtime's own segments: HTTP APIs send no trace header, so traces start at the function
                .tracing(Tracing.ACTIVE)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                // the role's one inline policy holds everything, tracing included: CDK adds no policy of its own
                .role(role.withoutPolicyUpdates())
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .environment(environment(deployable, permissions, props))
                .build();
        ((CfnFunction) function.getNode().getDefaultChild()).overrideLogicalId(name);
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Each deployment publishes a version (currentVersion) and the API invokes it through the alias");

        Alias alias = Alias.Builder.create(scope, "Alias")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
        ((CfnAlias) alias.getNode().getDefaultChild()).overrideLogicalId(name + "Alias");

        functions.put(deployable, function);
        aliases.put(deployable, alias);
    }

    /**
     * What the function reads, and nothing it does not. The endpoint variables are declared empty (the AWS service's
     * own endpoint): {@code sam local invoke --env-vars} overrides only variables the template declares, and these
     * are the ones that point a function at local mode ({@link EnvironmentVariables#LOCAL_OVERRIDES}).
     */
    private static Map<String, String> environment(String deployable, Permissions permissions, Props props) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(EnvironmentVariables.FUNCTION, deployable);
        env.put(EnvironmentVariables.TABLE_NAME, props.table().getTableName());
        env.put(EnvironmentVariables.TENANT_CLAIM, props.tenantClaim());
        env.put(EnvironmentVariables.DYNAMODB_ENDPOINT, "");
        if (permissions.usesAvatars()) {
            env.put(EnvironmentVariables.AVATARS_BUCKET, props.avatars().getBucketName());
            env.put(EnvironmentVariables.AVATARS_TAG_UPLOADS, "true");
            env.put(EnvironmentVariables.S3_ENDPOINT, "");
        }
        if (permissions.usesSecrets()) {
            env.put(EnvironmentVariables.SECRETS_PREFIX, props.secretsPrefix());
            env.put(EnvironmentVariables.SECRETS_ENDPOINT, "");
        }
        if (permissions.oauthFlow()) {
            env.put(EnvironmentVariables.OAUTH_REDIRECT_URI, props.apiEndpoint() + SLACK_CALLBACK_PATH);
        }
        if (Permissions.showsWebhooks(deployable)) {
            env.put(EnvironmentVariables.WEBHOOKS_BASE_URL, props.apiEndpoint() + WEBHOOKS_PATH);
        }
        env.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
        return env;
    }

    private static List<PolicyStatement> statements(Permissions permissions, LogGroup logs, Props props) {
        List<PolicyStatement> statements = new ArrayList<>();
        // instead of AWSLambdaBasicExecutionRole: this function's own log group only (it exists; no CreateLogGroup)
        statements.add(allow("Logs", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                List.of(logs.getLogGroupArn())));
        // active tracing: the runtime sends the function's segments (what CDK would add in a policy of its own)
        statements.add(allow("Tracing", List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"), List.of("*")));
        String tableArn = props.table().getTableArn();
        statements.add(allow("Table", permissions.tableActions(), List.of(tableArn)));
        if (permissions.queriesIndexes()) {
            // an index is read by Query alone; every other action names the table itself
            statements.add(allow("Indexes", List.of(Permissions.QUERY), List.of(tableArn + "/index/*")));
        }
        if (permissions.usesAvatars()) {
            statements.add(allow("Avatars", permissions.avatarActions(),
                    List.of(props.avatars().arnForObjects(AvatarStorage.KEY_PREFIX + "*"))));
        }
        List<String> appSecrets = new ArrayList<>();
        if (permissions.appSecrets().contains(Permissions.SLACK_APP)) {
            appSecrets.add(props.secrets().slackApp().getSecretArn());
        }
        if (permissions.appSecrets().contains(Permissions.MICROSOFT_APP)) {
            appSecrets.add(props.secrets().microsoftApp().getSecretArn());
        }
        if (permissions.oauthFlow()) {
            appSecrets.add(props.secrets().stateKey().getSecretArn());
        }
        if (!appSecrets.isEmpty()) {
            statements.add(allow("OAuthSecrets", List.of(Permissions.GET_SECRET), appSecrets));
        }
        if (!permissions.tokenActions().isEmpty()) {
            statements.add(allow("TokenSecrets", permissions.tokenActions(),
                    List.of(tokenSecretsArn(Stack.of(props.table()), props.secretsPrefix()))));
        }
        return statements;
    }

    /**
     * cdk-nag IAM5 flags every resource ARN holding a wildcard; each one here is the narrowest ARN the access can have
     * (the actions are always listed one by one), so each finding is suppressed by its exact text, and only on the
     * roles that have it.
     */
    private static void suppressScopedWildcards(Role role, Permissions permissions, Props props) {
        Stack stack = Stack.of(role);
        List<NagPackSuppression> suppressions = new ArrayList<>();
        suppressions.add(iam5("X-Ray's PutTraceSegments and PutTelemetryRecords have no resource-level permissions:"
                + " they take only *, for the two actions the runtime needs to send the function's trace.",
                "Resource::*"));
        if (permissions.queriesIndexes()) {
            suppressions.add(iam5("Query reads the table's global secondary indexes (GSI1, GSI2), whose ARNs are"
                    + " table/index/{name}: the wildcard covers the indexes of this one table only.",
                    "Resource::<" + logicalIdOf(stack, props.table()) + ".Arn>/index/*"));
        }
        if (permissions.usesAvatars()) {
            suppressions.add(iam5("Avatar objects are keyed avatars/{tenant}/{fileId}, created at run time: the"
                    + " wildcard covers the avatars/ prefix of this one bucket, for the object actions listed only.",
                    "Resource::<" + logicalIdOf(stack, props.avatars()) + ".Arn>/" + AvatarStorage.KEY_PREFIX + "*"));
        }
        if (!permissions.tokenActions().isEmpty()) {
            suppressions.add(iam5("Provider token secrets are created at run time, one per tenant and integration"
                    + " config ({prefix}/tenants/{tenant}/integrations/{configId}/token): the wildcards stand for those"
                    + " two ids and for the 6-character suffix Secrets Manager appends to every secret ARN.",
                    "Resource::arn:" + nagText(stack.getPartition(), "<AWS::Partition>") + ":secretsmanager:"
                            + nagText(stack.getRegion(), "<AWS::Region>") + ":"
                            + nagText(stack.getAccount(), "<AWS::AccountId>") + ":secret:"
                            + Secrets.tokenNamePattern(props.secretsPrefix()) + "-??????"));
        }
        NagSuppressions.addResourceSuppressions(role, suppressions);
    }

    /** How cdk-nag writes a stack's partition, region or account: the literal of a stack with an environment. */
    private static String nagText(String value, String pseudoParameter) {
        return Token.isUnresolved(value) ? pseudoParameter : value;
    }

    private static NagPackSuppression iam5(String reason, String finding) {
        return NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(reason)
                .appliesTo(List.of(finding)).build();
    }

    private static String logicalIdOf(Stack stack, software.constructs.IConstruct resource) {
        return (String) stack.resolve(stack.getLogicalId((CfnElement) resource.getNode().getDefaultChild()));
    }

    /**
     * Every tenant's provider token secret; {@code -??????} is the random suffix Secrets Manager appends to a
     * secret's name in its ARN (CreateSecret is authorized against the ARN the new secret will have).
     */
    public static String tokenSecretsArn(Stack stack, String prefix) {
        return "arn:" + stack.getPartition() + ":secretsmanager:" + stack.getRegion() + ":" + stack.getAccount()
                + ":secret:" + Secrets.tokenNamePattern(prefix) + "-??????";
    }

    private static PolicyStatement allow(String sid, java.util.Collection<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .effect(Effect.ALLOW)
                .actions(List.copyOf(actions))
                .resources(resources)
                .build();
    }

    /** The functions by deployable name, in catalog order. */
    public Map<String, Function> functions() {
        return Collections.unmodifiableMap(functions);
    }

    /** The alias the API integrates with for a deployable. */
    /** How long {@code deployable} may run: longer for the functions that call Slack. */
    public static Duration timeoutOf(String deployable) {
        // the inbound webhook reads a Twilio config's auth token but calls no provider (and Slack wants its answer
        // within 3 s, retrying otherwise): it keeps the AWS-only timeout
        if (deployable.equals(FunctionCatalog.RECEIVE_WEBHOOK)) {
            return TIMEOUT;
        }
        return Permissions.forCatalog().get(deployable).callsProvider() ? PROVIDER_TIMEOUT : TIMEOUT;
    }

    public Alias aliasOf(String deployable) {
        Alias alias = aliases.get(deployable);
        if (alias == null) {
            throw new IllegalArgumentException("no function for deployable " + deployable);
        }
        return alias;
    }
}
