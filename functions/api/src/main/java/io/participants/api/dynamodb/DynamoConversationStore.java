package io.participants.api.dynamodb;

import io.participants.domain.common.ConcurrentModificationException;
import io.participants.domain.common.Ids;
import io.participants.domain.common.Page;
import io.participants.domain.common.PageRequest;
import io.participants.domain.common.TenantId;
import io.participants.domain.conversation.Conversation;
import io.participants.domain.conversation.ConversationParticipant;
import io.participants.domain.conversation.ConversationStore;
import io.participants.domain.conversation.Identifier;
import io.participants.domain.conversation.Membership;
import io.participants.domain.conversation.ParticipantStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link ConversationStore} on the single table. A participant's key is derived from its identity, so a status
 * change by identifier is one conditional UpdateItem whose condition lists the statuses the move is allowed from.
 */
public final class DynamoConversationStore implements ConversationStore {

    private static final Pattern ORDER_TOKEN = Pattern.compile("\\d{13}#([0-9a-f-]{36})");
    private static final Pattern MEMBERSHIP_TOKEN =
            Pattern.compile(Keys.CONVERSATION + "([a-z]+)#([0-9a-f-]{36})");

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoConversationStore(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    @Override
    public void create(Conversation conversation) {
        Map<String, AttributeValue> item = ConversationItems.toItem(conversation);
        // under an Idempotency-Key, the record's answer is written with the item, in one transaction
        Transaction idempotent = new Transaction(client, tableName).put(item, Condition.NOT_EXISTS,
                ConcurrentModificationException::new);
        if (CreateCompletion.addTo(idempotent, conversation)) {
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
    public Optional<Conversation> find(TenantId tenant, UUID id) {
        Map<String, AttributeValue> item = client.getItem(g -> g.tableName(tableName)
                .key(Keys.key(Keys.tenant(tenant), Keys.conversation(id))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ConversationItems.conversation(item));
    }

    @Override
    public Page<Conversation> list(TenantId tenant, PageRequest page) {
        String after = Keys.sortKeyOfPageToken(page.pageToken(), Keys.CONVERSATION);
        QueryRequest.Builder query = QueryRequest.builder().tableName(tableName)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Keys.s(Keys.tenant(tenant)),
                        ":prefix", Keys.s(Keys.CONVERSATION)))
                .limit(page.limit() + 1).consistentRead(true);
        if (after != null) {
            query.exclusiveStartKey(Keys.key(Keys.tenant(tenant), after));
        }
        List<Conversation> items = client.query(query.build()).items().stream()
                .map(ConversationItems::conversation).toList();
        List<Conversation> results = items.subList(0, Math.min(page.limit(), items.size()));
        String next = items.size() > page.limit()
                ? Keys.pageToken(Keys.conversation(results.get(page.limit() - 1).id())) : null;
        return new Page<>(results, next);
    }

    @Override
    public Optional<Added> add(ConversationParticipant participant) {
        TransactWriteItem conversationExists = TransactWriteItem.builder().conditionCheck(c -> c.tableName(tableName)
                .key(Keys.key(Keys.tenant(participant.tenant()), Keys.conversation(participant.conversationId())))
                .conditionExpression(Condition.EXISTS.expression())).build();
        TransactWriteItem put = TransactWriteItem.builder().put(p -> p.tableName(tableName)
                .item(ConversationItems.toItem(participant))
                .conditionExpression(Condition.NOT_EXISTS.expression())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build();
        try {
            client.transactWriteItems(t -> t.transactItems(conversationExists, put));
            return Optional.of(new Added(participant, true));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            if (reasons.size() == 2 && failed(reasons.get(0))) {
                return Optional.empty();
            }
            if (reasons.size() == 2 && failed(reasons.get(1)) && reasons.get(1).hasItem()) {
                return Optional.of(new Added(ConversationItems.participant(reasons.get(1).item()), false));
            }
            // A TransactionConflict: the same participant being added at the same moment. Whoever won is the answer.
            return findParticipant(participant.tenant(), participant.conversationId(), participant.id())
                    .map(existing -> Optional.of(new Added(existing, false)))
                    .orElseThrow(ConcurrentModificationException::new);
        }
    }

    @Override
    public Optional<ConversationParticipant> findParticipant(TenantId tenant, UUID conversationId, UUID id) {
        Map<String, AttributeValue> item = client.getItem(g -> g.tableName(tableName)
                .key(Keys.key(Keys.members(tenant, conversationId), Keys.member(id))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ConversationItems.participant(item));
    }

    @Override
    public Page<ConversationParticipant> listParticipants(TenantId tenant, UUID conversationId, PageRequest page,
                                                          boolean reverse) {
        String partition = Keys.members(tenant, conversationId);
        QueryRequest.Builder query = QueryRequest.builder().tableName(tableName).indexName(ParticipantsTable.GSI2)
                .keyConditionExpression("GSI2PK = :pk")
                .expressionAttributeValues(Map.of(":pk", Keys.s(partition)))
                .scanIndexForward(!reverse)
                .limit(page.limit() + 1);
        if (page.pageToken() != null) {
            Matcher token = ORDER_TOKEN.matcher(Keys.decodePageToken(page.pageToken()));
            if (!token.matches() || Ids.parse(token.group(1)).isEmpty()) {
                throw Keys.invalidPageToken();
            }
            query.exclusiveStartKey(Map.of(ParticipantsTable.PK, Keys.s(partition),
                    ParticipantsTable.SK, Keys.s(Keys.member(UUID.fromString(token.group(1)))),
                    ConversationItems.GSI2PK, Keys.s(partition), ConversationItems.GSI2SK, Keys.s(token.group())));
        }
        List<ConversationParticipant> items = client.query(query.build()).items().stream()
                .map(ConversationItems::participant).toList();
        List<ConversationParticipant> results = items.subList(0, Math.min(page.limit(), items.size()));
        String next = null;
        if (items.size() > page.limit()) {
            ConversationParticipant last = results.get(page.limit() - 1);
            next = Keys.pageToken(ConversationItems.orderKey(last.createdAt(), last.id()));
        }
        return new Page<>(results, next);
    }

    @Override
    public StatusChange changeStatus(TenantId tenant, UUID conversationId, UUID id, ParticipantStatus target,
                                     Long ifMatch, long now) {
        Map<String, AttributeValue> key = Keys.key(Keys.members(tenant, conversationId), Keys.member(id));
        Set<ParticipantStatus> sources = ParticipantStatus.sourcesOf(target);
        if (sources.isEmpty()) {
            // No status may move to the target, so there is nothing to write: only what the item is says why.
            return refusal(findParticipant(tenant, conversationId, id).orElse(null), target, ifMatch);
        }
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> allowed = new ArrayList<>();
        for (ParticipantStatus source : sources) {
            String name = ":from" + allowed.size();
            values.put(name, Keys.s(source.wireName()));
            allowed.add(name);
        }
        values.put(":target", Keys.s(target.wireName()));
        values.put(":membership", Keys.s(ConversationItems.membershipKey(target, conversationId)));
        values.put(":now", Keys.n(now));
        values.put(":one", Keys.n(1));
        String condition = "attribute_exists(PK) AND #status IN (" + String.join(", ", allowed) + ")";
        if (ifMatch != null) {
            values.put(":expectedVersion", Keys.n(ifMatch));
            condition += " AND version = :expectedVersion";
        }
        String finalCondition = condition;
        try {
            Map<String, AttributeValue> updated = client.updateItem(u -> u.tableName(tableName).key(key)
                    .updateExpression("SET #status = :target, GSI1SK = :membership, updatedAt = :now,"
                            + " version = version + :one")
                    .conditionExpression(finalCondition)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return new StatusChange(Outcome.CHANGED, ConversationItems.participant(updated));
        } catch (ConditionalCheckFailedException e) {
            ConversationParticipant old = e.hasItem() && !e.item().isEmpty()
                    ? ConversationItems.participant(e.item()) : null;
            return refusal(old, target, ifMatch);
        }
    }

    private static StatusChange refusal(ConversationParticipant old, ParticipantStatus target, Long ifMatch) {
        if (old == null) {
            return new StatusChange(Outcome.MISSING, null);
        }
        if (ifMatch != null && ifMatch != old.version()) {
            return new StatusChange(Outcome.STALE, old);
        }
        return new StatusChange(old.status() == target ? Outcome.UNCHANGED : Outcome.FORBIDDEN, old);
    }

    @Override
    public boolean remove(TenantId tenant, UUID conversationId, UUID id) {
        try {
            client.deleteItem(d -> d.tableName(tableName)
                    .key(Keys.key(Keys.members(tenant, conversationId), Keys.member(id)))
                    .conditionExpression(Condition.EXISTS.expression()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** One query of the contact's identifier partition, then one batch read of those conversations. */
    @Override
    public Page<Membership> conversationsOf(TenantId tenant, Identifier contact, ParticipantStatus status,
                                            PageRequest page) {
        String partition = Keys.identifier(tenant, contact);
        String prefix = status == null ? Keys.CONVERSATION : Keys.CONVERSATION + status.wireName() + "#";
        QueryRequest.Builder query = QueryRequest.builder().tableName(tableName).indexName(ParticipantsTable.GSI1)
                .keyConditionExpression("GSI1PK = :pk AND begins_with(GSI1SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Keys.s(partition), ":prefix", Keys.s(prefix)))
                .limit(page.limit() + 1);
        if (page.pageToken() != null) {
            String sortKey = Keys.decodePageToken(page.pageToken());
            Matcher token = MEMBERSHIP_TOKEN.matcher(sortKey);
            if (!token.matches() || !sortKey.startsWith(prefix) || ParticipantStatus.parse(token.group(1)).isEmpty()
                    || Ids.parse(token.group(2)).isEmpty()) {
                throw Keys.invalidPageToken();
            }
            UUID conversationId = UUID.fromString(token.group(2));
            query.exclusiveStartKey(Map.of(
                    ParticipantsTable.PK, Keys.s(Keys.members(tenant, conversationId)),
                    ParticipantsTable.SK, Keys.s(Keys.member(ConversationParticipant.idOf(conversationId, contact))),
                    ConversationItems.GSI1PK, Keys.s(partition), ConversationItems.GSI1SK, Keys.s(sortKey)));
        }
        List<ConversationParticipant> items = client.query(query.build()).items().stream()
                .map(ConversationItems::participant).toList();
        List<ConversationParticipant> members = items.subList(0, Math.min(page.limit(), items.size()));
        Map<UUID, Conversation> conversations = conversations(tenant, members.stream()
                .map(ConversationParticipant::conversationId).toList());
        List<Membership> results = members.stream().filter(m -> conversations.containsKey(m.conversationId()))
                .map(m -> new Membership(conversations.get(m.conversationId()), m.status())).toList();
        String next = null;
        if (items.size() > page.limit()) {
            ConversationParticipant last = members.get(page.limit() - 1);
            next = Keys.pageToken(ConversationItems.membershipKey(last.status(), last.conversationId()));
        }
        return new Page<>(results, next);
    }

    private Map<UUID, Conversation> conversations(TenantId tenant, List<UUID> ids) {
        Map<UUID, Conversation> found = new HashMap<>();
        BatchReads.all(client, tableName, ids.stream().distinct()
                        .map(id -> Keys.key(Keys.tenant(tenant), Keys.conversation(id))).toList(), false).stream()
                .map(ConversationItems::conversation).forEach(c -> found.put(c.id(), c));
        return found;
    }

    private static boolean failed(CancellationReason reason) {
        return "ConditionalCheckFailed".equals(reason.code());
    }
}
