package io.participants.infra;

import software.constructs.Node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What a deployment may choose, read from CDK context ({@code cdk.json}'s {@code context}, or {@code -c key=value}).
 * Every other setting is fixed in the construct that owns it.
 *
 * @param lambdaZip      the Lambda artifact every API function runs (context {@code lambdaZip}; a relative path is
 *                       resolved against the repository root, the directory holding {@code cdk.json})
 * @param changeEventsZip the change-events publisher's artifact (context {@code changeEventsZip}, resolved alike)
 * @param jwtIssuer      the JWT authorizer's issuer URL (context {@code jwtIssuer}, required)
 * @param jwtAudience    the audiences the authorizer accepts (context {@code jwtAudience}, comma-separated, required)
 * @param secretsPrefix  the first part of every secret name (context {@code secretsPrefix})
 * @param tenantClaim    the JWT claim that names the tenant (context {@code tenantClaim})
 * @param throttleBurst  the default route burst limit (context {@code throttleBurstLimit})
 * @param throttleRate   the default route rate limit, requests per second (context {@code throttleRateLimit})
 * @param alarmEmail     an address the alarm topic notifies (context {@code alarmEmail}), or null for none
 * @param accountConcurrencyLimit the account's Lambda concurrency limit, for its alarm (context
 *                       {@code accountConcurrencyLimit})
 * @param apiLatencyP99Ms the HTTP API's p99 latency that alarms, in ms (context {@code apiLatencyP99Ms})
 */
public record Settings(Path lambdaZip, Path changeEventsZip, String jwtIssuer, List<String> jwtAudience,
                       String secretsPrefix, String tenantClaim, int throttleBurst, double throttleRate, String alarmEmail,
                       int accountConcurrencyLimit, int apiLatencyP99Ms) {

    public static final String DEFAULT_LAMBDA_ZIP = "functions/api/target/participants-api-lambda.zip";
    public static final String DEFAULT_CHANGE_EVENTS_ZIP = "functions/api/target/participants-change-events-lambda.zip";
    public static final String DEFAULT_SECRETS_PREFIX = "participants";
    public static final String DEFAULT_TENANT_CLAIM = "tenant_id";
    public static final int DEFAULT_THROTTLE_BURST = 100;
    public static final double DEFAULT_THROTTLE_RATE = 50;
    /** Lambda's default concurrency quota of an account. */
    public static final int DEFAULT_ACCOUNT_CONCURRENCY = 1000;
    public static final int DEFAULT_API_LATENCY_P99_MS = 2500;

    public Settings {
        if (jwtIssuer == null || jwtIssuer.isBlank()) {
            throw new IllegalArgumentException("CDK context jwtIssuer is required: -c jwtIssuer=https://issuer.example/");
        }
        if (jwtAudience == null || jwtAudience.isEmpty()) {
            throw new IllegalArgumentException("CDK context jwtAudience is required: -c jwtAudience=participants-api");
        }
        if (!secretsPrefix.matches("[A-Za-z0-9_+=.@-]+(/[A-Za-z0-9_+=.@-]+)*")) {
            throw new IllegalArgumentException("CDK context secretsPrefix is not a valid secret name prefix: "
                    + secretsPrefix);
        }
        jwtAudience = List.copyOf(jwtAudience);
        if (alarmEmail != null && !alarmEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("CDK context alarmEmail is not an email address: " + alarmEmail);
        }
        if (accountConcurrencyLimit <= 0 || apiLatencyP99Ms <= 0) {
            throw new IllegalArgumentException("CDK context accountConcurrencyLimit and apiLatencyP99Ms must be positive");
        }
    }

    /** The settings from the construct tree's context, with the defaults above. */
    public static Settings fromContext(Node node) {
        return new Settings(
                resolve(string(node, "lambdaZip", DEFAULT_LAMBDA_ZIP)),
                resolve(string(node, "changeEventsZip", DEFAULT_CHANGE_EVENTS_ZIP)),
                string(node, "jwtIssuer", null),
                list(node.tryGetContext("jwtAudience")),
                string(node, "secretsPrefix", DEFAULT_SECRETS_PREFIX),
                string(node, "tenantClaim", DEFAULT_TENANT_CLAIM),
                (int) number(node, "throttleBurstLimit", DEFAULT_THROTTLE_BURST),
                number(node, "throttleRateLimit", DEFAULT_THROTTLE_RATE),
                string(node, "alarmEmail", null),
                (int) number(node, "accountConcurrencyLimit", DEFAULT_ACCOUNT_CONCURRENCY),
                (int) number(node, "apiLatencyP99Ms", DEFAULT_API_LATENCY_P99_MS));
    }

    /** The repository root: the nearest directory from the working directory up that holds {@code cdk.json}. */
    static Path repositoryRoot() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("cdk.json"))) {
                return dir;
            }
        }
        return cwd;
    }

    private static Path resolve(String path) {
        Path p = Path.of(path);
        return (p.isAbsolute() ? p : repositoryRoot().resolve(p)).normalize();
    }

    private static String string(Node node, String key, String fallback) {
        Object value = node.tryGetContext(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString().trim();
    }

    private static double number(Node node, String key, double fallback) {
        Object value = node.tryGetContext(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CDK context " + key + " is not a number: " + value, e);
        }
    }

    /** A JSON list in cdk.json, or a comma-separated string from {@code -c}. */
    private static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        List<?> items = value instanceof List<?> l ? l : Arrays.asList(value.toString().split(","));
        return items.stream().map(Object::toString).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
