package io.participants.api.dynamodb;

import io.participants.domain.common.ConcurrentModificationException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One atomic write of several items. Each action carries the domain error its failed condition means, so a
 * cancelled transaction is reported as what went wrong (a claimed channel, a missing config, a lost race).
 */
final class Transaction {

    /** What one TransactWriteItems call accepts. */
    static final int MAX_ACTIONS = 100;

    private final DynamoDbClient client;
    private final String tableName;
    private final List<TransactWriteItem> actions = new ArrayList<>();
    private final List<Supplier<RuntimeException>> failures = new ArrayList<>();

    Transaction(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    Transaction put(Map<String, AttributeValue> item, Condition condition, Supplier<RuntimeException> onFailure) {
        Put.Builder put = Put.builder().tableName(tableName).item(item);
        if (condition != null) {
            put.conditionExpression(condition.expression()).expressionAttributeValues(condition.nullableValues());
        }
        return add(TransactWriteItem.builder().put(put.build()).build(), onFailure);
    }

    Transaction delete(Map<String, AttributeValue> key, Condition condition, Supplier<RuntimeException> onFailure) {
        Delete.Builder delete = Delete.builder().tableName(tableName).key(key);
        if (condition != null) {
            delete.conditionExpression(condition.expression()).expressionAttributeValues(condition.nullableValues());
        }
        return add(TransactWriteItem.builder().delete(delete.build()).build(), onFailure);
    }

    Transaction check(Map<String, AttributeValue> key, Condition condition, Supplier<RuntimeException> onFailure) {
        return add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(tableName).key(key)
                .conditionExpression(condition.expression())
                .expressionAttributeValues(condition.nullableValues()).build()).build(), onFailure);
    }

    Transaction add(TransactWriteItem action, Supplier<RuntimeException> onFailure) {
        actions.add(action);
        failures.add(onFailure);
        return this;
    }

    int size() {
        return actions.size();
    }

    void commit() {
        if (actions.size() > MAX_ACTIONS) {
            // DynamoDB would refuse it as a whole (ValidationException): say what the caller can do instead
            throw new io.participants.domain.common.RefusedException("too-many-changes", "The change touches "
                    + actions.size() + " stored items, more than one write can hold (" + MAX_ACTIONS
                    + "); make it in smaller steps");
        }
        try {
            client.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(actions).build());
        } catch (TransactionCanceledException e) {
            throw translate(e);
        }
    }

    private RuntimeException translate(TransactionCanceledException e) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        for (int i = 0; i < reasons.size() && i < failures.size(); i++) {
            if ("ConditionalCheckFailed".equals(reasons.get(i).code()) && failures.get(i) != null) {
                return failures.get(i).get();
            }
        }
        // TransactionConflict: another transaction touched the same items at the same moment.
        return new ConcurrentModificationException();
    }
}
