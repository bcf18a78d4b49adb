package io.participants.api.dynamodb;

import io.participants.domain.common.ConcurrentModificationException;
import io.participants.domain.common.ConflictException;
import io.participants.domain.common.Page;
import io.participants.domain.common.PageRequest;
import io.participants.domain.common.TenantId;
import io.participants.domain.connection.Connection;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.IntegrationConfigStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link IntegrationConfigStore} on the single table. Deleting a config takes a short lease first: channel writes
 * check that no lease is held, so a channel cannot be added between the "no channel points here" check and the
 * delete.
 */
public final class DynamoIntegrationConfigStore implements IntegrationConfigStore {

    /** Long enough for the check and the delete; a crashed delete frees the config when it runs out. */
    static final long DELETE_LEASE_MILLIS = 30_000;

    private final DynamoDbClient client;
    private final String tableName;
    private final Clock clock;

    public DynamoIntegrationConfigStore(DynamoDbClient client, String tableName, Clock clock) {
        this.client = client;
        this.tableName = tableName;
        this.clock = clock;
    }

    @Override
    public void create(IntegrationConfig config) {
        Map<String, AttributeValue> item = IntegrationConfigItem.toItem(config);
        // under an Idempotency-Key, the record's answer is written with the item, in one transaction
        Transaction idempotent = new Transaction(client, tableName).put(item, Condition.NOT_EXISTS,
                ConcurrentModificationException::new);
        if (CreateCompletion.addTo(idempotent, config)) {
            idempotent.commit();
            return;
        }
        try {
            client.putItem(p -> p.tableName(tableName).item(item)
                    .conditionExpression(Condition.NOT_EXISTS.expression()));
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentModificationException();
        }
    }

    @Override
    public Optional<IntegrationConfig> find(TenantId tenant, UUID id) {
        Map<String, AttributeValue> item = client.getItem(g -> g.tableName(tableName)
                .key(Keys.key(Keys.tenant(tenant), Keys.config(id))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(IntegrationConfigItem.toDomain(item));
    }

    @Override
    public Map<UUID, IntegrationConfig> findAll(TenantId tenant, Collection<UUID> ids) {
        Map<UUID, IntegrationConfig> found = new HashMap<>();
        BatchReads.all(client, tableName, ids.stream().map(id -> Keys.key(Keys.tenant(tenant), Keys.config(id))).toList(),
                        true).stream()
                .map(IntegrationConfigItem::toDomain)
                .forEach(config -> found.put(config.id(), config));
        return found;
    }

    @Override
    public Page<IntegrationConfig> list(TenantId tenant, PageRequest page) {
        String after = Keys.sortKeyOfPageToken(page.pageToken(), Keys.CONFIG);
        QueryRequest.Builder query = QueryRequest.builder().tableName(tableName)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Keys.s(Keys.tenant(tenant)), ":prefix", Keys.s(Keys.CONFIG)))
                .limit(page.limit() + 1)
                .consistentRead(true);
        if (after != null) {
            query.exclusiveStartKey(Keys.key(Keys.tenant(tenant), after));
        }
        List<IntegrationConfig> items = client.query(query.build()).items().stream()
                .map(IntegrationConfigItem::toDomain).toList();
        List<IntegrationConfig> results = items.subList(0, Math.min(page.limit(), items.size()));
        String next = items.size() > page.limit()
                ? Keys.pageToken(Keys.config(results.get(page.limit() - 1).id())) : null;
        return new Page<>(results, next);
    }

    @Override
    public boolean setConnection(TenantId tenant, UUID id, Connection connection) {
        Map<String, AttributeValue> set = connection == null ? Map.of()
                : IntegrationConfigItem.connectionAttributes(connection);
        List<String> removed = IntegrationConfigItem.CONNECTION_ATTRIBUTES.stream()
                .filter(name -> !set.containsKey(name)).toList();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> assignments = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> attribute : set.entrySet()) {
            names.put("#s" + i, attribute.getKey());
            values.put(":s" + i, attribute.getValue());
            assignments.add("#s" + i + " = :s" + i);
            i++;
        }
        List<String> removals = new ArrayList<>();
        for (String name : removed) {
            names.put("#r" + removals.size(), name);
            removals.add("#r" + removals.size());
        }
        values.put(":now", Keys.n(clock.millis()));
        // the write a change event reports: its version and time (a config from before versions counts as 1)
        values.put(":one", Keys.n(1));
        names.put("#version", IntegrationConfigItem.VERSION);
        names.put("#modifiedAt", IntegrationConfigItem.MODIFIED_AT);
        assignments.add("#version = if_not_exists(#version, :one) + :one");
        assignments.add("#modifiedAt = :now");
        String update = "SET " + String.join(", ", assignments)
                + (removals.isEmpty() ? "" : " REMOVE " + String.join(", ", removals));
        String usable = "attribute_exists(PK) AND (attribute_not_exists(deletingUntil) OR deletingUntil < :now)";
        if (connection == null) {
            // removing a connection that is not there writes nothing: no new version, no change event
            names.put("#connection", IntegrationConfigItem.CONNECTION_STATE);
            usable += " AND attribute_exists(#connection)";
        }
        String condition = usable;
        try {
            client.updateItem(u -> u.tableName(tableName).key(Keys.key(Keys.tenant(tenant), Keys.config(id)))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return connection == null && e.hasItem() && !e.item().isEmpty()
                    && !e.item().containsKey(IntegrationConfigItem.CONNECTION_STATE) && !leased(e.item());
        }
    }

    @Override
    public Optional<IntegrationConfig> setSettings(TenantId tenant, UUID id, boolean gravatar,
                                                   Duration avatarSyncInterval, boolean messageTextInEvents) {
        Map<String, String> names = Map.of("#gravatar", IntegrationConfigItem.GRAVATAR,
                "#interval", IntegrationConfigItem.AVATAR_SYNC_INTERVAL,
                "#messageText", IntegrationConfigItem.MESSAGE_TEXT_IN_EVENTS,
                "#version", IntegrationConfigItem.VERSION, "#modifiedAt", IntegrationConfigItem.MODIFIED_AT);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":now", Keys.n(clock.millis()));
        values.put(":one", Keys.n(1));
        // on is the attribute set, off (or the deployment's interval) its absence, as a create writes them
        List<String> set = new ArrayList<>(List.of("#version = if_not_exists(#version, :one) + :one",
                "#modifiedAt = :now"));
        List<String> removed = new ArrayList<>();
        if (gravatar) {
            set.add("#gravatar = :on");
        } else {
            removed.add("#gravatar");
        }
        if (messageTextInEvents) {
            set.add("#messageText = :on");
        } else {
            removed.add("#messageText");
        }
        if (gravatar || messageTextInEvents) {
            values.put(":on", AttributeValue.fromBool(true));
        }
        if (avatarSyncInterval != null) {
            set.add("#interval = :interval");
            values.put(":interval", Keys.s(avatarSyncInterval.toString()));
        } else {
            removed.add("#interval");
        }
        String update = "SET " + String.join(", ", set)
                + (removed.isEmpty() ? "" : " REMOVE " + String.join(", ", removed));
        try {
            Map<String, AttributeValue> written = client.updateItem(u -> u.tableName(tableName)
                    .key(Keys.key(Keys.tenant(tenant), Keys.config(id)))
                    .updateExpression(update)
                    .conditionExpression(
                            "attribute_exists(PK) AND (attribute_not_exists(deletingUntil) OR deletingUntil < :now)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(IntegrationConfigItem.toDomain(written));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Duration> avatarSyncInterval(TenantId tenant, UUID id) {
        // eventually consistent (0.5 RRU for an item up to 4 KB), and only the one attribute comes back
        Map<String, AttributeValue> item = client.getItem(g -> g.tableName(tableName)
                .key(Keys.key(Keys.tenant(tenant), Keys.config(id))).consistentRead(false)
                .projectionExpression("#interval")
                .expressionAttributeNames(Map.of("#interval", IntegrationConfigItem.AVATAR_SYNC_INTERVAL))).item();
        return item == null ? Optional.empty() : Optional.ofNullable(IntegrationConfigItem.avatarSyncInterval(item));
    }

    /** Whether a delete's lease is held on the config now. */
    private boolean leased(Map<String, AttributeValue> item) {
        AttributeValue until = item.get("deletingUntil");
        return until != null && Long.parseLong(until.n()) >= clock.millis();
    }

    @Override
    public boolean delete(TenantId tenant, UUID id) {
        Map<String, AttributeValue> key = Keys.key(Keys.tenant(tenant), Keys.config(id));
        long now = clock.millis();
        try {
            client.updateItem(u -> u.tableName(tableName).key(key)
                    .updateExpression("SET deletingUntil = :until")
                    .conditionExpression("attribute_exists(PK) AND attribute_not_exists(#connection)")
                    .expressionAttributeNames(Map.of("#connection", IntegrationConfigItem.CONNECTION_STATE))
                    .expressionAttributeValues(Map.of(":until", Keys.n(now + DELETE_LEASE_MILLIS)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } catch (ConditionalCheckFailedException e) {
            if (e.hasItem() && e.item().containsKey(IntegrationConfigItem.CONNECTION_STATE)) {
                throw new ConflictException("integration-config-connected",
                        "Integration config " + id + " holds an OAuth connection; disconnect it first");
            }
            return false;
        }
        boolean referenced = client.query(q -> q.tableName(tableName)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Keys.s(Keys.tenant(tenant)),
                        ":prefix", Keys.s(Keys.claimPrefix(id))))
                .limit(1)
                .consistentRead(true)).count() > 0;
        if (referenced) {
            client.updateItem(u -> u.tableName(tableName).key(key).updateExpression("REMOVE deletingUntil")
                    .conditionExpression("attribute_exists(PK)"));
            throw new ConflictException("integration-config-in-use",
                    "Integration config " + id + " is still used by at least one participant channel");
        }
        // the lease keeps a connection from being set meanwhile (setConnection checks it)
        Map<String, AttributeValue> old = client.deleteItem(d -> d.tableName(tableName).key(key)
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD)).attributes();
        // its webhook's key item goes with it (a rotation after this delete finds no config and writes none)
        if (old != null && old.containsKey(DynamoActivationStore.WEBHOOK_KEY_PREFIX)) {
            client.deleteItem(d -> d.tableName(tableName).key(Keys.key(Keys.tenant(tenant),
                    Keys.webhook(old.get(DynamoActivationStore.WEBHOOK_KEY_PREFIX).s()))));
        }
        return true;
    }
}
