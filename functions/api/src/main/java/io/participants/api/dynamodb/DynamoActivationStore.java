package io.participants.api.dynamodb;

import io.participants.domain.activation.ActivationStore;
import io.participants.domain.activation.ConfigWebhook;
import io.participants.domain.activation.ReceivedMessage;
import io.participants.domain.common.TenantId;
import io.participants.domain.integration.Provider;
import io.participants.domain.participant.BindingKey;
import io.participants.domain.participant.BindingSlot;
import io.participants.domain.participant.ChannelKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ActivationStore} on the single table. A config's webhook is two things written together: its key item
 * ({@code WEBHOOK#{keyPrefix}}: the key's hash, found by the prefix a request's key carries) and the prefix on the
 * config item (what reads show, and what a rotation replaces). A channel's last message time is on its claim item, so
 * it goes with the channel; a received message is one item ({@code MESSAGE#{configId}#{hash of its id}}), written
 * once, whose insert the stream turns into {@code participants.channel.message_received}; it holds the message's
 * text only when the config turned that on.
 */
public final class DynamoActivationStore implements ActivationStore {

    static final String WEBHOOK_KEY_PREFIX = "webhookKeyPrefix";
    static final String WEBHOOK_CREATED_AT = "webhookCreatedAt";
    static final String LAST_MESSAGE_AT = "lastMessageAt";
    /** A message's text, only when its config turns {@code messageTextInEvents} on (and it has text). */
    static final String TEXT = "text";
    /** Present (true) only when the text was cut to {@link io.participants.domain.activation.MessageText}'s cap. */
    static final String TEXT_TRUNCATED = "textTruncated";
    /** Providers redeliver for hours (Slack up to three retries, Telegram up to a day): a week is ample. */
    static final Duration MESSAGE_RETENTION = Duration.ofDays(7);

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoActivationStore(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public Optional<ConfigWebhook> find(TenantId tenant, String keyPrefix) {
        Map<String, AttributeValue> item = client.getItem(g -> g.tableName(tableName)
                .key(Keys.key(Keys.tenant(tenant), Keys.webhook(keyPrefix))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ConfigWebhook(tenant, UUID.fromString(item.get("integrationConfigId").s()),
                Provider.valueOf(item.get("provider").s()), keyPrefix, item.get("keyHash").s(),
                item.containsKey("secretTokenHash") ? item.get("secretTokenHash").s() : null,
                Long.parseLong(item.get("createdAt").n()),
                item.containsKey("participantId") ? new ConfigWebhook.Binding(
                        UUID.fromString(item.get("participantId").s()), item.get("agentId").s(),
                        item.get("address").s()) : null));
    }

    @Override
    public boolean replace(ConfigWebhook next, String previousPrefix) {
        String partition = Keys.tenant(next.tenant());
        Map<String, AttributeValue> key = new LinkedHashMap<>(Keys.key(partition, Keys.webhook(next.keyPrefix())));
        key.put("integrationConfigId", Keys.s(next.integrationConfigId().toString()));
        key.put("provider", Keys.s(next.provider().name()));
        key.put("keyHash", Keys.s(next.keyHash()));
        if (next.secretTokenHash() != null) {
            key.put("secretTokenHash", Keys.s(next.secretTokenHash()));
        }
        key.put("createdAt", Keys.n(next.createdAt()));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":prefix", Keys.s(next.keyPrefix()));
        values.put(":at", Keys.n(next.createdAt()));
        String condition = "attribute_exists(PK) AND ";
        if (previousPrefix == null) {
            condition += "attribute_not_exists(" + WEBHOOK_KEY_PREFIX + ")";
        } else {
            condition += WEBHOOK_KEY_PREFIX + " = :previous";
            values.put(":previous", Keys.s(previousPrefix));
        }
        Transaction tx = new Transaction(client, tableName)
                .add(TransactWriteItem.builder().update(Update.builder().tableName(tableName)
                        .key(Keys.key(partition, Keys.config(next.integrationConfigId())))
                        .updateExpression("SET " + WEBHOOK_KEY_PREFIX + " = :prefix, " + WEBHOOK_CREATED_AT
                                + " = :at")
                        .conditionExpression(condition)
                        .expressionAttributeValues(values).build()).build(), Replaced::new)
                .put(key, Condition.NOT_EXISTS, Replaced::new);
        if (previousPrefix != null) {
            tx.delete(Keys.key(partition, Keys.webhook(previousPrefix)), null, null);
        }
        try {
            tx.commit();
            return true;
        } catch (Replaced e) {
            return false;
        }
    }

    /** The config is gone or its webhook changed under this write. */
    private static final class Replaced extends RuntimeException {
        Replaced() {
            super(null, null, false, false);
        }
    }

    @Override
    public ActivationState state(TenantId tenant, Collection<UUID> configIds, Collection<ChannelKey> channels) {
        String partition = Keys.tenant(tenant);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        configIds.forEach(id -> keys.add(Keys.key(partition, Keys.config(id))));
        channels.forEach(c -> keys.add(Keys.key(partition, Keys.claim(c.integrationConfigId(), c.address()))));
        Map<UUID, ConfigWebhookSummary> webhooks = new HashMap<>();
        Map<ChannelKey, Long> lastMessages = new HashMap<>();
        Map<BindingSlot, String> bindingKeys = new HashMap<>();
        Map<UUID, io.participants.domain.integration.IntegrationConfig> configs = new HashMap<>();
        // BatchGetItem takes 100 keys: a participant has at most a few dozen channels, a page a few hundred
        for (int from = 0; from < keys.size(); from += 100) {
            for (Map<String, AttributeValue> item : BatchReads.all(client, tableName,
                    keys.subList(from, Math.min(keys.size(), from + 100)), true)) {
                String sortKey = item.get(ParticipantsTable.SK).s();
                if (sortKey.startsWith(Keys.CONFIG)) {
                    var config = IntegrationConfigItem.toDomain(item);
                    configs.put(config.id(), config);
                    if (item.containsKey(WEBHOOK_KEY_PREFIX)) {
                        webhooks.put(config.id(), new ConfigWebhookSummary(item.get(WEBHOOK_KEY_PREFIX).s(),
                                Long.parseLong(item.get(WEBHOOK_CREATED_AT).n())));
                    }
                } else if (sortKey.startsWith(Keys.CLAIM)) {
                    ChannelKey channel = BindingKeyItems.channelOf(sortKey);
                    if (item.containsKey(LAST_MESSAGE_AT)) {
                        lastMessages.put(channel, Long.parseLong(item.get(LAST_MESSAGE_AT).n()));
                    }
                    BindingKeyItems.prefixes(item).forEach((agent, prefix) ->
                            bindingKeys.put(new BindingSlot(agent, channel), prefix));
                }
            }
        }
        return new ActivationState(webhooks, lastMessages, configs, bindingKeys);
    }

    /**
     * One transaction: each new key item, each old one deleted, and each claim's prefixes replaced on the condition
     * that they are still the old ones (one update per claim: a transaction touches an item once).
     */
    @Override
    public boolean rotate(TenantId tenant, UUID participantId, List<BindingKey> next, List<String> previousPrefixes) {
        String partition = Keys.tenant(tenant);
        Transaction tx = new Transaction(client, tableName);
        Map<ChannelKey, List<Integer>> byChannel = new LinkedHashMap<>();
        for (int i = 0; i < next.size(); i++) {
            BindingKey key = next.get(i);
            tx.put(BindingKeyItems.keyItem(tenant, participantId, key), Condition.NOT_EXISTS, Replaced::new);
            if (previousPrefixes.get(i) != null) {
                tx.delete(Keys.key(partition, Keys.webhook(previousPrefixes.get(i))), Condition.EXISTS, Replaced::new);
            } else {
                // a first key: only while the agent is still bound (an unbind meanwhile would orphan it)
                tx.check(Keys.key(Keys.agent(tenant, key.slot().agentId()), Keys.participant(participantId)),
                        Condition.EXISTS, Replaced::new);
            }
            byChannel.computeIfAbsent(key.slot().channel(), c -> new ArrayList<>()).add(i);
        }
        byChannel.forEach((channel, indexes) -> {
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            List<String> sets = new ArrayList<>();
            List<String> conditions = new ArrayList<>(List.of("participantId = :pid"));
            values.put(":pid", Keys.s(participantId.toString()));
            for (int i : indexes) {
                names.put("#k" + i, BindingKeyItems.attribute(next.get(i).slot().agentId()));
                values.put(":new" + i, Keys.s(next.get(i).keyPrefix()));
                sets.add("#k" + i + " = :new" + i);
                if (previousPrefixes.get(i) == null) {
                    conditions.add("attribute_not_exists(#k" + i + ")");
                } else {
                    values.put(":old" + i, Keys.s(previousPrefixes.get(i)));
                    conditions.add("#k" + i + " = :old" + i);
                }
            }
            tx.add(TransactWriteItem.builder().update(Update.builder().tableName(tableName)
                    .key(Keys.key(partition, Keys.claim(channel.integrationConfigId(), channel.address())))
                    .updateExpression("SET " + String.join(", ", sets))
                    .conditionExpression(String.join(" AND ", conditions))
                    .expressionAttributeNames(names).expressionAttributeValues(values).build()).build(),
                    Replaced::new);
        });
        try {
            tx.commit();
            return true;
        } catch (Replaced e) {
            return false;
        }
    }

    /** One conditional write: never creates a claim (the channel may have been removed), never moves back. */
    @Override
    public void touchChannel(TenantId tenant, ChannelKey channel, long at) {
        try {
            client.updateItem(u -> u.tableName(tableName)
                    .key(Keys.key(Keys.tenant(tenant), Keys.claim(channel.integrationConfigId(), channel.address())))
                    .updateExpression("SET " + LAST_MESSAGE_AT + " = :at")
                    .conditionExpression("attribute_exists(PK) AND (attribute_not_exists(" + LAST_MESSAGE_AT
                            + ") OR " + LAST_MESSAGE_AT + " < :at)")
                    .expressionAttributeValues(Map.of(":at", Keys.n(at))));
        } catch (ConditionalCheckFailedException e) {
            // a later message was recorded first, or the channel is gone: nothing to move
        }
    }

    @Override
    public boolean record(ReceivedMessage message) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(Keys.key(Keys.tenant(message.tenant()),
                Keys.message(message.integrationConfigId(), message.messageId())));
        item.put("integrationConfigId", Keys.s(message.integrationConfigId().toString()));
        item.put("provider", Keys.s(message.provider().name()));
        item.put("address", Keys.s(message.address()));
        item.put("participantId", Keys.s(message.participantId().toString()));
        if (!message.agentIds().isEmpty()) {
            item.put("agentIds", AttributeValue.fromSs(message.agentIds()));
        }
        item.put("messageId", Keys.s(message.messageId()));
        item.put("receivedAt", Keys.n(message.receivedAt()));
        item.put("createdAt", Keys.n(message.receivedAt()));
        if (message.text() != null) {
            // kept as long as the record, 7 days, for the change event its insert makes
            item.put(TEXT, Keys.s(message.text().text()));
            if (message.text().truncated()) {
                item.put(TEXT_TRUNCATED, AttributeValue.fromBool(true));
            }
        }
        item.put(ParticipantsTable.TTL, Keys.n(Math.floorDiv(message.receivedAt()
                + MESSAGE_RETENTION.toMillis() + 999, 1000)));
        try {
            client.putItem(p -> p.tableName(tableName).item(item)
                    .conditionExpression(Condition.NOT_EXISTS.expression()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
