package io.participants.api.dynamodb;

import io.participants.domain.common.ConcurrentModificationException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One BatchGetItem of at most 100 keys, with its unprocessed keys read again in a few bounded rounds. */
final class BatchReads {

    private static final int ROUNDS = 5;

    private BatchReads() {
    }

    /**
     * The items that exist among {@code keys}, in no particular order.
     *
     * @throws ConcurrentModificationException when throttling leaves keys unread after every round
     */
    static List<Map<String, AttributeValue>> all(DynamoDbClient client, String tableName,
                                                 List<Map<String, AttributeValue>> keys, boolean consistent) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        if (keys.isEmpty()) {
            return found;
        }
        Map<String, KeysAndAttributes> request = Map.of(tableName,
                KeysAndAttributes.builder().keys(keys).consistentRead(consistent).build());
        for (int round = 0; round < ROUNDS && !request.isEmpty(); round++) {
            Map<String, KeysAndAttributes> pending = request;
            BatchGetItemResponse response = client.batchGetItem(b -> b.requestItems(pending));
            found.addAll(response.responses().getOrDefault(tableName, List.of()));
            request = response.unprocessedKeys();
        }
        if (!request.isEmpty()) {
            throw new ConcurrentModificationException();
        }
        return found;
    }
}
