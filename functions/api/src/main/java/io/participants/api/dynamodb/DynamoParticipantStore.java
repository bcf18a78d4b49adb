package io.participants.api.dynamodb;

import io.participants.domain.common.ConcurrentModificationException;
import io.participants.domain.common.ConflictException;
import io.participants.domain.common.Page;
import io.participants.domain.common.PageRequest;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.Violations;
import io.participants.domain.conversation.Identifier;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.participant.BindingKey;
import io.participants.domain.participant.BindingSlot;
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
        create(participant, List.of());
    }

    /** The participant, its claims (holding the issued keys' prefixes), bindings and key items in one transaction. */
    @Override
    public void create(Participant participant, List<BindingKey> issued) {
        Transaction tx = new Transaction(client, tableName)
                .put(itemOf(participant), Condition.NOT_EXISTS, ConcurrentModificationException::new);
        for (Channel channel : participant.channels()) {
            claim(tx, participant, channel, issuedOn(issued, channel.key()));
        }
        checkConfigs(tx, participant.tenant(), participant.channels(), participant.modifiedAt());
        for (String agentId : participant.agentIds()) {
            tx.put(binding(participant.tenant(), agentId, participant.id()), null, null);
        }
        putKeyItems(tx, participant, issued);
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
        update(current, updated, List.of(), null);
    }

    /**
     * One transaction: the participant (with the bind or unbind it is, for its change event), the claims and
     * bindings it adds or removes, the key items of the per-binding activations it issues, and the retirement of
     * those of the (binding, channel) pairs it removes. Their prefixes are read from the claims first; each claim
     * write is conditional on them, so a rotation meanwhile makes this a lost race, never an orphaned key.
     */
    @Override
    public void update(Participant current, Participant updated, List<BindingKey> issued, BindingChange change) {
        Map<String, AttributeValue> item = itemOf(updated);
        if (change != null) {
            item = new LinkedHashMap<>(item);
            item.put(ParticipantItem.BINDING_CHANGE, ParticipantItem.bindingChange(change.bound(), change.agentId()));
        }
        Transaction tx = new Transaction(client, tableName)
                .put(item, Condition.versionIs(current.version()), ConcurrentModificationException::new);
        Set<ChannelKey> before = keysOf(current.channels());
        Set<ChannelKey> after = keysOf(updated.channels());
        Map<BindingSlot, String> retired = retired(current, updated);
        for (Channel channel : current.channels()) {
            if (!after.contains(channel.key())) {
                deleteClaim(tx, current, channel, retired);
            } else {
                updateKeysOnClaim(tx, current, channel, retired, issuedOn(issued, channel.key()));
            }
        }
        List<Channel> added = updated.channels().stream().filter(c -> !before.contains(c.key())).toList();
        for (Channel channel : added) {
            claim(tx, updated, channel, issuedOn(issued, channel.key()));
        }
        putKeyItems(tx, updated, issued);
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
            putConditionally(item, Condition.versionIs(current.version()));
        } else {
            tx.commit();
        }
    }

    /** The stored per-binding key prefixes of the pairs {@code current} has and {@code updated} (null: none) lacks. */
    private Map<BindingSlot, String> retired(Participant current, Participant updated) {
        List<Channel> perBinding = BindingKeyItems.perBindingChannels(current);
        Set<ChannelKey> after = updated == null ? Set.of() : keysOf(updated.channels());
        Set<String> agentsAfter = updated == null ? Set.of() : updated.agentIds();
        boolean removes = perBinding.stream().anyMatch(c -> !after.contains(c.key()))
                || current.agentIds().stream().anyMatch(a -> !agentsAfter.contains(a));
        if (perBinding.isEmpty() || !removes) {
            return Map.of();
        }
        Map<BindingSlot, String> retired = new HashMap<>();
        BindingKeyItems.read(client, tableName, current.tenant(), perBinding).forEach((slot, prefix) -> {
            if (!after.contains(slot.channel()) || !agentsAfter.contains(slot.agentId())) {
                retired.put(slot, prefix);
            }
        });
        return retired;
    }

    /** Deletes a channel's claim, with the key items of its retired per-binding activations, if they are as read. */
    private void deleteClaim(Transaction tx, Participant owner, Channel channel, Map<BindingSlot, String> retired) {
        Map<String, AttributeValue> key = Keys.key(Keys.tenant(owner.tenant()),
                Keys.claim(channel.integrationConfigId(), channel.address()));
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> conditions = new ArrayList<>();
        retireKeys(tx, owner, channel, retired, names, values, conditions);
        if (conditions.isEmpty()) {
            tx.delete(key, null, null);
            return;
        }
        tx.add(TransactWriteItem.builder().delete(software.amazon.awssdk.services.dynamodb.model.Delete.builder()
                .tableName(tableName).key(key).conditionExpression(String.join(" AND ", conditions))
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build(),
                ConcurrentModificationException::new);
    }

    /** On a kept channel's claim, removes the retired keys' prefixes (if as read) and sets the issued ones. */
    private void updateKeysOnClaim(Transaction tx, Participant owner, Channel channel,
                                   Map<BindingSlot, String> retired, List<BindingKey> issued) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> conditions = new ArrayList<>(List.of("participantId = :pid"));
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        values.put(":pid", Keys.s(owner.id().toString()));
        removes.addAll(retireKeys(tx, owner, channel, retired, names, values, conditions));
        int i = removes.size();
        for (BindingKey key : issued) {
            names.put("#i" + i, BindingKeyItems.attribute(key.slot().agentId()));
            values.put(":i" + i, Keys.s(key.keyPrefix()));
            conditions.add("attribute_not_exists(#i" + i + ")");
            sets.add("#i" + i + " = :i" + i);
            i++;
        }
        if (sets.isEmpty() && removes.isEmpty()) {
            return;
        }
        String expression = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets) + " ")
                + (removes.isEmpty() ? "" : "REMOVE " + String.join(", ", removes));
        tx.add(TransactWriteItem.builder().update(Update.builder().tableName(tableName)
                .key(Keys.key(Keys.tenant(owner.tenant()), Keys.claim(channel.integrationConfigId(),
                        channel.address())))
                .updateExpression(expression.trim()).conditionExpression(String.join(" AND ", conditions))
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build(),
                ConcurrentModificationException::new);
    }

    /**
     * For each retired key of {@code channel}: its key item deleted, and a condition that the claim still names that
     * key's prefix (the attribute names {@code #r0}, {@code #r1}, ... that it returns, for a caller that removes them).
     */
    private static List<String> retireKeys(Transaction tx, Participant owner, Channel channel,
                                           Map<BindingSlot, String> retired, Map<String, String> names,
                                           Map<String, AttributeValue> values, List<String> conditions) {
        List<String> attributes = new ArrayList<>();
        for (Map.Entry<BindingSlot, String> e : retired.entrySet()) {
            if (e.getKey().channel().equals(channel.key())) {
                String name = "#r" + attributes.size();
                String value = ":r" + attributes.size();
                names.put(name, BindingKeyItems.attribute(e.getKey().agentId()));
                values.put(value, Keys.s(e.getValue()));
                conditions.add(name + " = " + value);
                tx.delete(Keys.key(Keys.tenant(owner.tenant()), Keys.webhook(e.getValue())), null, null);
                attributes.add(name);
            }
        }
        return attributes;
    }

    private static List<BindingKey> issuedOn(List<BindingKey> issued, ChannelKey channel) {
        return issued.stream().filter(k -> k.slot().channel().equals(channel)).toList();
    }

    private void putKeyItems(Transaction tx, Participant owner, List<BindingKey> issued) {
        for (BindingKey key : issued) {
            tx.put(BindingKeyItems.keyItem(owner.tenant(), owner.id(), key), Condition.NOT_EXISTS,
                    ConcurrentModificationException::new);
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
        Map<BindingSlot, String> retired = retired(current, null);
        for (Channel channel : current.channels()) {
            deleteClaim(tx, current, channel, retired);
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

    /**
     * One transaction of the participant and its binding item, without a version: binds of distinct agents do not
     * conflict. It is conditional on the participant having no channel activated per binding, so a PATCH that added
     * one after the caller read the participant fails it (a {@link ConcurrentModificationException}) rather than
     * leaving the new pair without its key.
     */
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
                            + " AND (attribute_not_exists(agentIds) OR size(agentIds) < :max)"
                            + " AND attribute_not_exists(" + ParticipantItem.PER_BINDING_CHANNELS + ")");
            bindingAction = TransactWriteItem.builder().put(p -> p.tableName(tableName).item(bindingItem)).build();
        } else {
            participant.updateExpression("DELETE agentIds :agents SET modifiedAt = :now, version = version + :one, "
                            + ParticipantItem.BINDING_CHANGE + " = :change")
                    .conditionExpression("contains(agentIds, :agent) AND attribute_not_exists("
                            + ParticipantItem.PER_BINDING_CHANNELS + ")");
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
            if (reason.item().containsKey(ParticipantItem.PER_BINDING_CHANNELS)) {
                // a channel activated per binding came in since the caller read the participant
                throw new ConcurrentModificationException();
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

    private void claim(Transaction tx, Participant owner, Channel channel, List<BindingKey> issued) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(Keys.key(Keys.tenant(owner.tenant()),
                Keys.claim(channel.integrationConfigId(), channel.address())));
        item.put("participantId", Keys.s(owner.id().toString()));
        issued.forEach(k -> item.put(BindingKeyItems.attribute(k.slot().agentId()), Keys.s(k.keyPrefix())));
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
        Map<String, AttributeValue> item = ParticipantItem.SCHEMA.itemToMap(ParticipantItem.from(participant), true);
        int perBinding = BindingKeyItems.perBindingChannels(participant).size();
        if (perBinding > 0) {
            item = new LinkedHashMap<>(item);
            item.put(ParticipantItem.PER_BINDING_CHANNELS, Keys.n(perBinding));
        }
        return item;
    }

    private static Set<ChannelKey> keysOf(List<Channel> channels) {
        Set<ChannelKey> keys = new HashSet<>();
        channels.forEach(c -> keys.add(c.key()));
        return keys;
    }
}
