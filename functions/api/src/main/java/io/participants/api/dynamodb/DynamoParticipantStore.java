package io.participants.api.dynamodb;

import io.participants.domain.common.ConcurrentModificationException;
import io.participants.domain.common.ConflictException;
import io.participants.domain.common.Page;
import io.participants.domain.common.PageRequest;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.Violations;
import io.participants.domain.conversation.Identifier;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.participant.Channel;
import io.participants.domain.participant.ChannelClaims;
import io.participants.domain.participant.ChannelKey;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantStore;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@link ParticipantStore} on the single table. A participant is one item; each channel it holds has a claim item
 * (so a (config, address) pair has one owner), and each agent binding has an item in the agent's partition (so
 * listing by agent is a query, not a scan). Changes to several of them are one transaction.
 */
public final class DynamoParticipantStore implements ParticipantStore {

    /** A channel's config must exist and not be in the middle of a deletion (see the config store). */
    private static final String CONFIG_USABLE =
            "attribute_exists(PK) AND (attribute_not_exists(deletingUntil) OR deletingUntil < :now)";

    private final DynamoDbClient client;
    private final DynamoDbTable<ParticipantItem> table;
    private final String tableName;
    private final int maxAgents;

    public DynamoParticipantStore(DynamoDbClient client, String tableName, int maxAgents) {
        this.client = client;
        this.tableName = tableName;
        this.maxAgents = maxAgents;
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build()
                .table(tableName, ParticipantItem.SCHEMA);
    }

    @Override
    public void create(Participant participant) {
        Transaction tx = new Transaction(client, tableName)
                .put(itemOf(participant), Condition.NOT_EXISTS, ConcurrentModificationException::new);
        for (Channel channel : participant.channels()) {
            claim(tx, participant, channel);
        }
        checkConfigs(tx, participant.tenant(), participant.channels(), participant.modifiedAt());
        for (String agentId : participant.agentIds()) {
            tx.put(binding(participant.tenant(), agentId, participant.id()), null, null);
        }
        // under an Idempotency-Key, the record's answer joins the write (a lone PutItem becomes a transaction)
        CreateCompletion.addTo(tx, participant);
        if (tx.size() == 1) {
            putConditionally(itemOf(participant), Condition.NOT_EXISTS);
        } else {
            tx.commit();
        }
    }

    @Override
    public Optional<Participant> find(TenantId tenant, UUID id) {
        ParticipantItem item = table.getItem(GetItemEnhancedRequest.builder()
                .key(Key.builder().partitionValue(Keys.tenant(tenant)).sortValue(Keys.participant(id)).build())
                .consistentRead(true).build());
        return Optional.ofNullable(item).map(ParticipantItem::toDomain);
    }

    /** One consistent BatchGetItem of the config item and the claim item of each spelling. */
    @Override
    public ChannelClaims findClaims(TenantId tenant, UUID integrationConfigId, Set<String> addresses) {
        String partition = Keys.tenant(tenant);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        keys.add(Keys.key(partition, Keys.config(integrationConfigId)));
        addresses.forEach(address -> keys.add(Keys.key(partition, Keys.claim(integrationConfigId, address))));
        IntegrationConfig config = null;
        Map<String, UUID> holders = new HashMap<>();
        String claims = Keys.claimPrefix(integrationConfigId);
        for (Map<String, AttributeValue> item : BatchReads.all(client, tableName, keys, true)) {
            String sortKey = item.get(ParticipantsTable.SK).s();
            if (sortKey.startsWith(claims)) {
                holders.put(sortKey.substring(claims.length()), UUID.fromString(item.get("participantId").s()));
            } else {
                config = IntegrationConfigItem.toDomain(item);
            }
        }
        return new ChannelClaims(config, holders);
    }

    @Override
    public Page<Participant> list(TenantId tenant, PageRequest page, String agentId) {
        String after = Keys.sortKeyOfPageToken(page.pageToken(), Keys.PARTICIPANT);
        return agentId == null ? listAll(tenant, page.limit(), after) : listBound(tenant, agentId, page.limit(), after);
    }

    /** One query of the tenant's participant items; it reads one extra item to know whether a next page exists. */
    private Page<Participant> listAll(TenantId tenant, int limit, String after) {
        QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(
                        Key.builder().partitionValue(Keys.tenant(tenant)).sortValue(Keys.PARTICIPANT).build()))
                .limit(limit + 1)
                .consistentRead(true);
        if (after != null) {
            query.exclusiveStartKey(Keys.key(Keys.tenant(tenant), after));
        }
        List<ParticipantItem> items = table.query(query.build()).iterator().next().items();
        List<Participant> results = items.stream().limit(limit).map(ParticipantItem::toDomain).toList();
        String next = items.size() > limit ? Keys.pageToken(Keys.participant(results.get(limit - 1).id())) : null;
        return new Page<>(results, next);
    }

    /** A query of the agent's binding partition for the ids, then one batch read of those participants. */
    private Page<Participant> listBound(TenantId tenant, String agentId, int limit, String after) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(tableName)
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", Keys.s(Keys.agent(tenant, agentId))))
                .limit(limit + 1)
                .consistentRead(true);
        if (after != null) {
            query.exclusiveStartKey(Keys.key(Keys.agent(tenant, agentId), after));
        }
        QueryResponse bindings = client.query(query.build());
        List<String> sortKeys = bindings.items().stream().map(i -> i.get(ParticipantsTable.SK).s()).toList();
        List<String> pageKeys = sortKeys.subList(0, Math.min(limit, sortKeys.size()));
        Map<String, Participant> found = batchGet(tenant, pageKeys);
        List<Participant> results = pageKeys.stream().map(found::get).filter(Objects::nonNull).toList();
        String next = sortKeys.size() > limit ? Keys.pageToken(pageKeys.get(limit - 1)) : null;
        return new Page<>(results, next);
    }

    private Map<String, Participant> batchGet(TenantId tenant, List<String> sortKeys) {
        Map<String, Participant> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = sortKeys.stream()
                .map(sk -> Keys.key(Keys.tenant(tenant), sk)).toList();
        for (Map<String, AttributeValue> item : BatchReads.all(client, tableName, keys, true)) {
            Participant participant = ParticipantItem.SCHEMA.mapToItem(item).toDomain();
            found.put(Keys.participant(participant.id()), participant);
        }
        return found;
    }

    @Override
    public void update(Participant current, Participant updated) {
        Transaction tx = new Transaction(client, tableName)
                .put(itemOf(updated), Condition.versionIs(current.version()), ConcurrentModificationException::new);
        Set<ChannelKey> before = keysOf(current.channels());
        Set<ChannelKey> after = keysOf(updated.channels());
        for (Channel channel : current.channels()) {
            if (!after.contains(channel.key())) {
                tx.delete(Keys.key(Keys.tenant(current.tenant()), Keys.claim(channel.integrationConfigId(),
                        channel.address())), null, null);
            }
        }
        List<Channel> added = updated.channels().stream().filter(c -> !before.contains(c.key())).toList();
        for (Channel channel : added) {
            claim(tx, updated, channel);
        }
        checkConfigs(tx, updated.tenant(), added, updated.modifiedAt());
        for (String agentId : current.agentIds()) {
            if (!updated.agentIds().contains(agentId)) {
                tx.delete(Keys.key(Keys.agent(current.tenant(), agentId), Keys.participant(current.id())), null, null);
            }
        }
        for (String agentId : updated.agentIds()) {
            if (!current.agentIds().contains(agentId)) {
                tx.put(binding(updated.tenant(), agentId, updated.id()), null, null);
            }
        }
        if (tx.size() == 1) {
            putConditionally(itemOf(updated), Condition.versionIs(current.version()));
        } else {
            tx.commit();
        }
    }

    @Override
    public void delete(Participant current) {
        Map<String, AttributeValue> key = Keys.key(Keys.tenant(current.tenant()), Keys.participant(current.id()));
        Condition version = Condition.versionIs(current.version());
        if (current.channels().isEmpty() && current.agentIds().isEmpty()) {
            try {
                client.deleteItem(DeleteItemRequest.builder().tableName(tableName).key(key)
                        .conditionExpression(version.expression()).expressionAttributeValues(version.values()).build());
            } catch (ConditionalCheckFailedException e) {
                throw new ConcurrentModificationException();
            }
            return;
        }
        Transaction tx = new Transaction(client, tableName).delete(key, version, ConcurrentModificationException::new);
        for (Channel channel : current.channels()) {
            tx.delete(Keys.key(Keys.tenant(current.tenant()), Keys.claim(channel.integrationConfigId(),
                    channel.address())), null, null);
        }
        for (String agentId : current.agentIds()) {
            tx.delete(Keys.key(Keys.agent(current.tenant(), agentId), Keys.participant(current.id())), null, null);
        }
        tx.commit();
    }

    @Override
    public Optional<Participant> setDisabled(TenantId tenant, UUID id, boolean disabled, long now) {
        UpdateItemRequest.Builder update = UpdateItemRequest.builder().tableName(tableName)
                .key(Keys.key(Keys.tenant(tenant), Keys.participant(id)))
                .returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        // the binding change goes: it names the write that set it (see setBinding)
        if (disabled) {
            update.updateExpression("SET disabledAt = :now, modifiedAt = :now, version = version + :one"
                            + " REMOVE " + ParticipantItem.BINDING_CHANGE)
                    .conditionExpression("attribute_exists(PK) AND attribute_not_exists(disabledAt)");
        } else {
            update.updateExpression("REMOVE disabledAt, " + ParticipantItem.BINDING_CHANGE
                            + " SET modifiedAt = :now, version = version + :one")
                    .conditionExpression("attribute_exists(disabledAt)");
        }
        update.expressionAttributeValues(Map.of(":now", Keys.n(now), ":one", Keys.n(1)));
        try {
            return Optional.of(ParticipantItem.SCHEMA.mapToItem(client.updateItem(update.build()).attributes()).toDomain());
        } catch (ConditionalCheckFailedException e) {
            // Already in the asked state (the item comes back unchanged), or no such participant (no item).
            return e.hasItem() && !e.item().isEmpty()
                    ? Optional.of(ParticipantItem.SCHEMA.mapToItem(e.item()).toDomain())
                    : Optional.empty();
        }
    }

    @Override
    public boolean setBinding(TenantId tenant, UUID id, String agentId, boolean bound, long now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":agents", AttributeValue.fromSs(List.of(agentId)));
        values.put(":agent", Keys.s(agentId));
        values.put(":now", Keys.n(now));
        values.put(":one", Keys.n(1));
        values.put(":change", ParticipantItem.bindingChange(bound, agentId));
        Update.Builder participant = Update.builder().tableName(tableName)
                .key(Keys.key(Keys.tenant(tenant), Keys.participant(id)))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        TransactWriteItem bindingAction;
        Map<String, AttributeValue> bindingItem = binding(tenant, agentId, id);
        if (bound) {
            values.put(":max", Keys.n(maxAgents));
            participant.updateExpression("ADD agentIds :agents SET modifiedAt = :now, version = version + :one, "
                            + ParticipantItem.BINDING_CHANGE + " = :change")
                    .conditionExpression("attribute_exists(PK) AND NOT contains(agentIds, :agent)"
                            + " AND (attribute_not_exists(agentIds) OR size(agentIds) < :max)");
            bindingAction = TransactWriteItem.builder().put(p -> p.tableName(tableName).item(bindingItem)).build();
        } else {
            participant.updateExpression("DELETE agentIds :agents SET modifiedAt = :now, version = version + :one, "
                            + ParticipantItem.BINDING_CHANGE + " = :change")
                    .conditionExpression("contains(agentIds, :agent)");
            bindingAction = TransactWriteItem.builder().delete(d -> d.tableName(tableName)
                    .key(Keys.key(Keys.agent(tenant, agentId), Keys.participant(id)))).build();
        }
        participant.expressionAttributeValues(values);
        try {
            client.transactWriteItems(TransactWriteItemsRequest.builder()
                    .transactItems(TransactWriteItem.builder().update(participant.build()).build(), bindingAction)
                    .build());
            return true;
        } catch (TransactionCanceledException e) {
            CancellationReason reason = e.hasCancellationReasons() ? e.cancellationReasons().get(0) : null;
            if (reason == null || !"ConditionalCheckFailed".equals(reason.code())) {
                throw new ConcurrentModificationException();
            }
            if (!reason.hasItem() || reason.item().isEmpty()) {
                return false;
            }
            Participant stored = ParticipantItem.SCHEMA.mapToItem(reason.item()).toDomain();
            if (bound && !stored.agentIds().contains(agentId)) {
                throw new ConflictException("too-many-bindings",
                        "The participant is already bound to the maximum of " + maxAgents + " agents");
            }
            return true;
        }
    }

    private void putConditionally(Map<String, AttributeValue> item, Condition condition) {
        try {
            client.putItem(PutItemRequest.builder().tableName(tableName).item(item)
                    .conditionExpression(condition.expression())
                    .expressionAttributeValues(condition.nullableValues()).build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentModificationException();
        }
    }

    private void claim(Transaction tx, Participant owner, Channel channel) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(Keys.key(Keys.tenant(owner.tenant()),
                Keys.claim(channel.integrationConfigId(), channel.address())));
        item.put("participantId", Keys.s(owner.id().toString()));
        // Email and phone channels are indexed by address, so conversations can find their directory participant.
        addressOf(channel).ifPresent(identifier -> {
            item.put(ParticipantsTable.GSI1 + "PK", Keys.s(Keys.identifier(owner.tenant(), identifier)));
            item.put(ParticipantsTable.GSI1 + "SK", Keys.s(Keys.participant(owner.id())));
        });
        Supplier<RuntimeException> claimed = () -> new ConflictException("channel-claimed",
                "The channel " + channel.address() + " of integration config " + channel.integrationConfigId()
                        + " already belongs to another participant");
        tx.put(item, Condition.NOT_EXISTS, claimed);
    }

    private void checkConfigs(Transaction tx, TenantId tenant, List<Channel> channels, long now) {
        Set<UUID> configIds = new LinkedHashSet<>();
        channels.forEach(c -> configIds.add(c.integrationConfigId()));
        for (UUID configId : configIds) {
            Supplier<RuntimeException> missing = () -> new ConflictException("integration-config-unavailable",
                    "Integration config " + configId + " no longer exists or is being deleted");
            tx.check(Keys.key(Keys.tenant(tenant), Keys.config(configId)),
                    new Condition(CONFIG_USABLE, Map.of(":now", Keys.n(now))), missing);
        }
    }

    private static Optional<Identifier> addressOf(Channel channel) {
        String key = switch (channel.provider()) {
            case EMAIL -> Identifier.EMAIL;
            case SMS, WHATSAPP -> Identifier.PHONE;
            default -> null;
        };
        return key == null ? Optional.empty()
                : Optional.ofNullable(Identifier.parse(key, channel.address(), "", new Violations()));
    }

    private static Map<String, AttributeValue> binding(TenantId tenant, String agentId, UUID participantId) {
        return Keys.key(Keys.agent(tenant, agentId), Keys.participant(participantId));
    }

    private static Map<String, AttributeValue> itemOf(Participant participant) {
        return ParticipantItem.SCHEMA.itemToMap(ParticipantItem.from(participant), true);
    }

    private static Set<ChannelKey> keysOf(List<Channel> channels) {
        Set<ChannelKey> keys = new HashSet<>();
        channels.forEach(c -> keys.add(c.key()));
        return keys;
    }
}
