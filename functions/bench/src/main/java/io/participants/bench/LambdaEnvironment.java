package io.participants.bench;

import io.participants.infra.Functions;
import io.participants.infra.Permissions;
import io.participants.infra.Settings;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment of a child JVM: what Lambda itself sets, what the CDK stack sets for the deployable (the rules of
 * {@code Functions.environment}, read off the same {@link Permissions}), and the local endpoints that stand in for
 * AWS and Slack. Nothing is inherited from the harness's own environment.
 */
public final class LambdaEnvironment {

    /** The class of {@link Functions#HANDLER}, which Lambda constructs by its no-arg constructor. */
    public static final String HANDLER_CLASS = Functions.HANDLER.split("::", 2)[0];
    public static final String BASELINE_CLASS = BaselineHandler.class.getName();
    public static final String REGION = "us-east-1";
    /** The API's base URL in the stack, as the OAuth redirect URI's prefix. */
    static final String API_ENDPOINT = "https://a1b2c3d4e5.execute-api." + REGION + ".amazonaws.com";

    /**
     * Where the child finds the table, buckets, secrets and Slack on this machine.
     *
     * @param imageHosts the avatar hosts the service may download from ({@code participants.slack.image-hosts})
     * @param taskRoot   the unzipped artifact, as {@code LAMBDA_TASK_ROOT}
     */
    public record Locals(String table, String dynamoDb, String s3, String bucket, String secrets, String slackApi,
                         String slackOAuth, String imageHosts, String accessKey, String secretKey, Path taskRoot) {
    }

    private LambdaEnvironment() {
    }

    /** A deployable's Lambda: Lambda's variables, the stack's and the local endpoints. */
    public static Map<String, String> forDeployable(String deployable, Locals locals) {
        Map<String, String> env = runtime("participants-" + deployable, Functions.HANDLER, locals);
        env.putAll(stack(deployable, locals));
        env.putAll(endpoints(locals));
        return env;
    }

    /** The baseline, deployed as the stack would deploy one more function reading the table. */
    public static Map<String, String> forBaseline(Locals locals) {
        Map<String, String> env = runtime("participants-baseline", BASELINE_CLASS + "::handleRequest", locals);
        env.put("PARTICIPANTS_TABLE_NAME", locals.table());
        env.put("PARTICIPANTS_TENANT_CLAIM", Settings.DEFAULT_TENANT_CLAIM);
        env.put("JAVA_TOOL_OPTIONS", Functions.JAVA_TOOL_OPTIONS);
        env.put("PARTICIPANTS_DYNAMODB_ENDPOINT", locals.dynamoDb());
        return env;
    }

    /** What {@code Functions.environment} gives the deployable's Lambda, with this machine's table and bucket. */
    static Map<String, String> stack(String deployable, Locals locals) {
        Permissions permissions = Permissions.forCatalog().get(deployable);
        if (permissions == null) {
            throw new IllegalArgumentException("no deployable " + deployable + " in the stack");
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PARTICIPANTS_FUNCTION", deployable);
        env.put("PARTICIPANTS_TABLE_NAME", locals.table());
        env.put("PARTICIPANTS_TENANT_CLAIM", Settings.DEFAULT_TENANT_CLAIM);
        env.put("PARTICIPANTS_DYNAMODB_ENDPOINT", "");
        if (permissions.usesAvatars()) {
            env.put("PARTICIPANTS_AVATARS_BUCKET", locals.bucket());
            env.put("PARTICIPANTS_AVATARS_TAG_UPLOADS", "true");
            env.put("PARTICIPANTS_S3_ENDPOINT", "");
        }
        if (permissions.usesSecrets()) {
            env.put("PARTICIPANTS_SECRETS_PREFIX", Settings.DEFAULT_SECRETS_PREFIX);
            env.put("PARTICIPANTS_SECRETS_ENDPOINT", "");
        }
        if (permissions.oauthFlow()) {
            env.put("PARTICIPANTS_OAUTH_REDIRECT_URI", API_ENDPOINT + Functions.SLACK_CALLBACK_PATH);
        }
        if (Permissions.showsWebhooks(deployable)) {
            env.put("PARTICIPANTS_WEBHOOKS_BASE_URL", API_ENDPOINT + Functions.WEBHOOKS_PATH);
        }
        env.put("JAVA_TOOL_OPTIONS", Functions.JAVA_TOOL_OPTIONS);
        return env;
    }

    /** The variables Lambda sets in every function's environment (credentials are fake, the region is fixed). */
    static Map<String, String> runtime(String functionName, String handler, Locals locals) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", locals.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", locals.secretKey());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java" + Runtime.version().feature());
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(Functions.MEMORY_MB));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("LAMBDA_TASK_ROOT", locals.taskRoot().toString());
        env.put("_HANDLER", handler);
        return env;
    }

    /** The service's endpoint settings (Micronaut reads PARTICIPANTS_X_Y as participants.x.y / participants.x-y). */
    static Map<String, String> endpoints(Locals locals) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PARTICIPANTS_DYNAMODB_ENDPOINT", locals.dynamoDb());
        env.put("PARTICIPANTS_S3_ENDPOINT", locals.s3());
        // the bench's s3proxy has no object tagging
        env.put("PARTICIPANTS_AVATARS_TAG_UPLOADS", "false");
        env.put("PARTICIPANTS_SECRETS_ENDPOINT", locals.secrets());
        env.put("PARTICIPANTS_SLACK_API_BASE", locals.slackApi());
        env.put("PARTICIPANTS_SLACK_OAUTH_BASE", locals.slackOAuth());
        // the same stand-in answers the Microsoft identity platform's token endpoint
        env.put("PARTICIPANTS_MICROSOFT_LOGIN_BASE", locals.slackOAuth());
        env.put("PARTICIPANTS_SLACK_IMAGE_HOSTS", locals.imageHosts());
        return env;
    }
}
