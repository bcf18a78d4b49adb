package io.participants.api.dynamodb;

import io.participants.domain.common.TenantId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Removes items by the table's key layout, for putting a known set of ids back into a known state (local mode's
 * {@code seed-events}); no function uses it. A participant is removed through {@link DynamoParticipantStore#delete},
 * which takes its claims and bindings along.
 */
public final class ItemRemoval {

    private final DynamoDbClient client;
    private final String table;

    public ItemRemoval(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    /** The participants holding a channel on {@code configId}, from its claims (consistent reads). */
    public List<UUID> claimHolders(TenantId tenant, UUID configId) {
        List<UUID> holders = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var response = client.query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", ParticipantsTable.PK, "#sk", ParticipantsTable.SK))
                    .expressionAttributeValues(Map.of(":pk", Keys.s(Keys.tenant(tenant)),
                            ":prefix", Keys.s(Keys.claimPrefix(configId))))
                    .exclusiveStartKey(start).build());
            response.items().forEach(item -> holders.add(UUID.fromString(item.get("participantId").s())));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return holders.stream().distinct().toList();
    }

    /** Deletes an integration config's item; true when there was one. */
    public boolean config(TenantId tenant, UUID id) {
        return delete(Keys.tenant(tenant), Keys.config(id));
    }

    /** Deletes an OAuth state; true when there was one. */
    public boolean oauthState(TenantId tenant, String nonce) {
        return delete(Keys.tenant(tenant), Keys.oauthState(nonce));
    }

    /** Deletes a conversation and every participant of it; returns how many items went. */
    public int conversation(TenantId tenant, UUID id) {
        int removed = delete(Keys.tenant(tenant), Keys.conversation(id)) ? 1 : 0;
        String members = Keys.members(tenant, id);
        Map<String, AttributeValue> start = null;
        do {
            var response = client.query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", ParticipantsTable.PK))
                    .expressionAttributeValues(Map.of(":pk", Keys.s(members)))
                    .exclusiveStartKey(start).build());
            for (var item : response.items()) {
                removed += delete(members, item.get(ParticipantsTable.SK).s()) ? 1 : 0;
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return removed;
    }

    private boolean delete(String pk, String sk) {
        return client.deleteItem(DeleteItemRequest.builder().tableName(table).key(Keys.key(pk, sk))
                .returnValues(ReturnValue.ALL_OLD).build()).attributes().size() > 0;
    }
}
