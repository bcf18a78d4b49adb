package io.participants.api.testing;

import org.slf4j.MDC;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretVersionStageRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records, for the infra module's role test, each AWS call a deployable makes through the handler anywhere in this
 * suite, as the IAM actions it needs on the resources it names. A resource is symbolic, as the role test reads the
 * template's: {@code table}, {@code table/index/*}, {@code bucket/avatars/*}, {@code secret:tenant-token},
 * {@code secret:slack-app}, {@code secret:state-key}, {@code bus} (the change-events bus); anything else is recorded as it is, and fails that test.
 * Lines go, once each, to the file named by {@value #FILE_PROPERTY}: {@code deployable<TAB>action<TAB>resource}.
 * The deployable is the Lambda's own ({@code participants.function}, in the request's log context) or, for a harness
 * serving every route, the catalog's deployable of the request ({@link ApiHarness#send}).
 */
public final class AwsCallRecorder implements ExecutionInterceptor {

    public static final String FILE_PROPERTY = "participants.aws-calls.file";

    public static final AwsCallRecorder INSTANCE = new AwsCallRecorder();

    private static final ThreadLocal<String> DEPLOYABLE = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> UNTAGGED_S3 = new ThreadLocal<>();
    private static final Set<String> WRITTEN = ConcurrentHashMap.newKeySet();
    private static final java.util.regex.Pattern PRESIGNED =
            java.util.regex.Pattern.compile("https?://[^\"\\s]+?/(avatars/[^?\"]+)\\?[^\"\\s]*X-Amz-Signature=");

    static {
        // one suite, one record: a call the code no longer makes must not linger from an earlier run
        String file = System.getProperty(FILE_PROPERTY);
        if (file != null && !file.isBlank()) {
            try {
                Files.deleteIfExists(Path.of(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private AwsCallRecorder() {
    }

    /**
     * Runs {@code call} as a request of {@code deployable} (null: not a deployable's request). {@code untaggedS3}: the
     * harness's avatar store has no tagging (s3proxy), so its commit is a HeadObject where the deployed store's is a
     * DeleteObjectTagging; that HeadObject is no call of a deployed function and is not recorded.
     */
    public static <T> T during(String deployable, boolean untaggedS3, java.util.function.Supplier<T> call) {
        String before = DEPLOYABLE.get();
        Boolean untaggedBefore = UNTAGGED_S3.get();
        DEPLOYABLE.set(deployable);
        UNTAGGED_S3.set(untaggedS3);
        try {
            return call.get();
        } finally {
            DEPLOYABLE.set(before);
            UNTAGGED_S3.set(untaggedBefore);
        }
    }

    /**
     * A presigned GET link in an answer is no call the client makes, yet it works only if the role that signed it may
     * s3:GetObject the key: each link in {@code body} is recorded as that call.
     */
    static void presignedLinksIn(String body) {
        if (body == null) {
            return;
        }
        java.util.regex.Matcher link = PRESIGNED.matcher(body.replace("\\u0026", "&"));
        List<Needed> calls = new ArrayList<>();
        while (link.find()) {
            calls.add(new Needed("s3:GetObject", object(link.group(1))));
        }
        record(calls);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        record(needed(service, operation, context.request()));
    }

    private static void record(List<Needed> calls) {
        String function = MDC.get("function");
        String deployable = function != null ? function : DEPLOYABLE.get();
        String file = System.getProperty(FILE_PROPERTY);
        if (deployable == null || file == null || file.isBlank()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (Needed call : calls) {
            String line = deployable + "\t" + call.action() + "\t" + call.resource();
            if (WRITTEN.add(line)) {
                lines.add(line);
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        synchronized (WRITTEN) {
            try {
                Path path = Path.of(file);
                Files.createDirectories(path.toAbsolutePath().getParent());
                Files.write(path, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One IAM action on one symbolic resource. */
    record Needed(String action, String resource) {
    }

    /** The actions a call needs, as IAM authorizes it (each item of a transaction as the write it is). */
    static List<Needed> needed(String service, String operation, SdkRequest request) {
        List<Needed> out = new ArrayList<>();
        if (request instanceof GetItemRequest) {
            out.add(new Needed("dynamodb:GetItem", table(null)));
        } else if (request instanceof PutItemRequest) {
            out.add(new Needed("dynamodb:PutItem", table(null)));
        } else if (request instanceof UpdateItemRequest) {
            out.add(new Needed("dynamodb:UpdateItem", table(null)));
        } else if (request instanceof DeleteItemRequest) {
            out.add(new Needed("dynamodb:DeleteItem", table(null)));
        } else if (request instanceof QueryRequest r) {
            out.add(new Needed("dynamodb:Query", table(r.indexName())));
        } else if (request instanceof BatchGetItemRequest) {
            out.add(new Needed("dynamodb:BatchGetItem", table(null)));
        } else if (request instanceof TransactGetItemsRequest) {
            out.add(new Needed("dynamodb:GetItem", table(null)));
        } else if (request instanceof TransactWriteItemsRequest r) {
            r.transactItems().forEach(i -> out.add(transactItem(i)));
        } else if (request instanceof PutObjectRequest r) {
            out.add(new Needed("s3:PutObject", object(r.key())));
            if (r.tagging() != null) {
                out.add(new Needed("s3:PutObjectTagging", object(r.key())));
            }
        } else if (request instanceof DeleteObjectRequest r) {
            out.add(new Needed("s3:DeleteObject", object(r.key())));
        } else if (request instanceof DeleteObjectTaggingRequest r) {
            out.add(new Needed("s3:DeleteObjectTagging", object(r.key())));
        } else if (request instanceof HeadObjectRequest r) {
            // HeadObject is authorized as GetObject
            if (!Boolean.TRUE.equals(UNTAGGED_S3.get())) {
                out.add(new Needed("s3:GetObject", object(r.key())));
            }
        } else if (request instanceof GetObjectRequest r) {
            out.add(new Needed("s3:GetObject", object(r.key())));
        } else if (request instanceof GetSecretValueRequest r) {
            out.add(new Needed("secretsmanager:GetSecretValue", secret(r.secretId())));
        } else if (request instanceof CreateSecretRequest r) {
            out.add(new Needed("secretsmanager:CreateSecret", secret(r.name())));
            if (r.hasTags() && !r.tags().isEmpty()) {
                out.add(new Needed("secretsmanager:TagResource", secret(r.name())));
            }
        } else if (request instanceof PutSecretValueRequest r) {
            out.add(new Needed("secretsmanager:PutSecretValue", secret(r.secretId())));
        } else if (request instanceof UpdateSecretVersionStageRequest r) {
            out.add(new Needed("secretsmanager:UpdateSecretVersionStage", secret(r.secretId())));
        } else if (request instanceof DeleteSecretRequest r) {
            out.add(new Needed("secretsmanager:DeleteSecret", secret(r.secretId())));
        } else if (request instanceof PutEventsRequest r) {
            // the stack's bus by name; an entry without one would go to the account's default bus
            r.entries().stream().map(e -> e.eventBusName() == null ? "bus:default" : "bus").distinct()
                    .forEach(bus -> out.add(new Needed("events:PutEvents", bus)));
        } else if (request instanceof software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest r) {
            // a batch is authorized as SendMessage
            out.add(new Needed("sqs:SendMessage", queue(r.queueUrl())));
        } else if (request instanceof software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest r) {
            out.add(new Needed("sqs:ChangeMessageVisibility", queue(r.queueUrl())));
        } else {
            out.add(new Needed(iamPrefix(service) + ":" + operation, "unmapped"));
        }
        return out;
    }

    private static Needed transactItem(TransactWriteItem item) {
        if (item.put() != null) {
            return new Needed("dynamodb:PutItem", table(null));
        }
        if (item.update() != null) {
            return new Needed("dynamodb:UpdateItem", table(null));
        }
        if (item.delete() != null) {
            return new Needed("dynamodb:DeleteItem", table(null));
        }
        return new Needed("dynamodb:ConditionCheckItem", table(null));
    }

    /** Every table of the tests stands for the stack's one table; a Query on an index needs the index's ARN. */
    private static String table(String index) {
        return index == null ? "table" : "table/index/*";
    }

    private static String object(String key) {
        return key != null && key.startsWith("avatars/") ? "bucket/avatars/*" : "bucket/" + key;
    }

    /** Auto-sync's queue, whatever its URL in the test. */
    private static String queue(String url) {
        return url != null && url.endsWith("/avatar-syncs") ? "queue:avatar-syncs" : "queue:" + url;
    }

    private static String secret(String name) {
        if (name == null) {
            return "secret:none";
        }
        if (name.matches("[^/]+(/[^/]+)*/tenants/[^/]+/integrations/[^/]+/token")) {
            return "secret:tenant-token";
        }
        if (name.endsWith("/slack/app")) {
            return "secret:slack-app";
        }
        if (name.endsWith("/microsoft/app")) {
            return "secret:microsoft-app";
        }
        if (name.endsWith("/oauth/state-key")) {
            return "secret:state-key";
        }
        return "secret:" + name;
    }

    private static String iamPrefix(String service) {
        return switch (service) {
            case "DynamoDb" -> "dynamodb";
            case "S3" -> "s3";
            case "SecretsManager" -> "secretsmanager";
            case "EventBridge" -> "events";
            default -> service.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
