package io.participants.api.fuzz;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.participants.api.testing.LocalDynamo;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Makes the DynamoDB client the functions get in this test one that records every write that succeeded. A refused request
 * may try a conditional write that fails, but a write that succeeds means it changed stored data.
 */
final class WriteRecorder implements ExecutionInterceptor, BeanCreatedEventListener<DynamoDbClient> {

    static final String IDEMPOTENCY_RECORD = "IDEMPOTENCY#";
    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems", "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction");

    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final List<String> recordWrites = new CopyOnWriteArrayList<>();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (WRITES.contains(operation)) {
            String request = context.request().toString();
            String write = operation + " " + (request.length() > 600 ? request.substring(0, 600) + "…" : request);
            (isIdempotencyRecord(context.request()) ? recordWrites : writes).add(write);
        }
    }

    /**
     * A create's claim of its Idempotency-Key, or the delete that gives it back: a refused create may make both, as
     * long as no record is left (which the fuzz test checks after each such request).
     */
    private static boolean isIdempotencyRecord(SdkRequest request) {
        Map<String, AttributeValue> key = request instanceof PutItemRequest put ? put.item()
                : request instanceof DeleteItemRequest delete ? delete.key() : Map.of();
        AttributeValue sortKey = key.get("SK");
        return sortKey != null && sortKey.s() != null && sortKey.s().startsWith(IDEMPOTENCY_RECORD);
    }

    /** The writes that succeeded since the last call, and forgets them; idempotency records' apart. */
    List<String> drain() {
        List<String> done = List.copyOf(writes);
        writes.clear();
        return done;
    }

    /** The claims and deletes of idempotency records that succeeded since the last call, and forgets them. */
    List<String> drainRecordWrites() {
        List<String> done = List.copyOf(recordWrites);
        recordWrites.clear();
        return done;
    }

    /** Registered as a singleton of the harness: the functions' DynamoDB client becomes a recording one. */
    @Override
    public DynamoDbClient onCreated(BeanCreatedEvent<DynamoDbClient> event) {
        event.getBean().close();
        return client();
    }

    DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(LocalDynamo.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(this))
                .build();
    }
}
