package io.participants.api.dynamodb;

import io.participants.domain.common.TenantId;
import io.participants.domain.integration.Provider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Auto-sync's schedule on the single table: one small item per auto-synced participant
 * ({@code T#{tenant}} / {@code AVATARSYNC#{participantId}}), apart from the participant item so that no participant
 * write (a PATCH puts the whole item) can drop it, and so that keeping it costs no participant version or change
 * event. It holds the next due time, indexed in GSI3 by provider and due time (sparse: only scheduled items), and the
 * lease of the sync running now, so two workers never sync one participant at once.
 *
 * <p>One write per sync: taking the lease sets the next due time too. The lease is never released; it expires.
 */
public final class DynamoAvatarSyncSchedule {

    /** The due index's partition of one provider's schedule items. */
    static final String DUE = "AVATARDUE#";
    static final String DUE_AT = "dueAt";
    static final String LEASE_UNTIL = "leaseUntil";
    static final String LEASE_OWNER = "leaseOwner";

    /** One participant due for a sync. */
    public record Due(TenantId tenant, UUID participantId, long dueAt) {
    }

    /**
     * The answer to a lease request.
     *
     * @param taken     whether this owner holds the lease now
     * @param heldUntil when another owner holds it: when that lease ends (epoch millis); 0 when it was not taken only
     *                  because the participant is not due (a sweep's request that another sync has already served)
     */
    public record Lease(boolean taken, long heldUntil) {

        public boolean notDue() {
            return !taken && heldUntil == 0;
        }
    }

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoAvatarSyncSchedule(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    /**
     * Up to {@code limit} participants of {@code provider} due at {@code now} or before, earliest first: Queries of the
     * due index, never a scan.
     */
    public List<Due> due(Provider provider, long now, int limit) {
        List<Due> out = new ArrayList<>();
        Map<String, AttributeValue> after = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(tableName)
                    .indexName(ParticipantsTable.GSI3)
                    .keyConditionExpression("GSI3PK = :p AND GSI3SK < :bound")
                    .expressionAttributeValues(Map.of(":p", Keys.s(DUE + provider.name()),
                            ":bound", Keys.s(dueText(now + 1))))
                    .limit(limit - out.size());
            if (after != null) {
                query.exclusiveStartKey(after);
            }
            QueryResponse page = client.query(query.build());
            for (Map<String, AttributeValue> item : page.items()) {
                String pk = item.get(ParticipantsTable.PK).s();
                String sk = item.get(ParticipantsTable.SK).s();
                out.add(new Due(new TenantId(pk.substring(2)),
                        UUID.fromString(sk.substring(Keys.AVATAR_SYNC.length())),
                        Long.parseLong(item.get(DUE_AT).n())));
            }
            after = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (after != null && out.size() < limit);
        return out;
    }

    /**
     * Takes the participant's lease for {@code owner} until {@code leaseUntil} unless another owner holds one that has
     * not ended (or, with {@code onlyIfDue}, the participant is not due yet), and in the same write schedules the next
     * sync at {@code nextDue} under {@code provider}. The same owner (a message delivered again) takes it again.
     */
    public Lease lease(TenantId tenant, UUID participantId, String owner, long now, long leaseUntil,
                       Provider provider, long nextDue, boolean onlyIfDue) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":until", Keys.n(leaseUntil));
        values.put(":owner", Keys.s(owner));
        values.put(":now", Keys.n(now));
        values.put(":due", Keys.n(nextDue));
        values.put(":gpk", Keys.s(DUE + provider.name()));
        values.put(":gsk", Keys.s(dueText(nextDue) + "#" + tenant.value() + "#" + participantId));
        try {
            client.updateItem(u -> u.tableName(tableName)
                    .key(Keys.key(Keys.tenant(tenant), Keys.avatarSync(participantId)))
                    .updateExpression("SET " + LEASE_UNTIL + " = :until, " + LEASE_OWNER + " = :owner, "
                            + DUE_AT + " = :due, GSI3PK = :gpk, GSI3SK = :gsk")
                    .conditionExpression(condition(onlyIfDue))
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Lease(true, leaseUntil);
        } catch (ConditionalCheckFailedException e) {
            long heldUntil = e.hasItem() && e.item().containsKey(LEASE_UNTIL)
                    ? Long.parseLong(e.item().get(LEASE_UNTIL).n()) : 0;
            return new Lease(false, heldUntil >= now ? heldUntil : 0);
        }
    }

    /** The lease's own owner, or a free (or ended) lease and, {@code onlyIfDue}, a participant that is due. */
    private static String condition(boolean onlyIfDue) {
        String free = "attribute_not_exists(" + LEASE_UNTIL + ") OR " + LEASE_UNTIL + " < :now";
        String mine = LEASE_OWNER + " = :owner";
        if (!onlyIfDue) {
            return mine + " OR " + free;
        }
        return mine + " OR ((" + free + ") AND (attribute_not_exists(" + DUE_AT + ") OR " + DUE_AT + " <= :now))";
    }

    /** Drops the participant's schedule: it is gone, or follows no channel any more. */
    public void remove(TenantId tenant, UUID participantId) {
        client.deleteItem(d -> d.tableName(tableName)
                .key(Keys.key(Keys.tenant(tenant), Keys.avatarSync(participantId))));
    }

    /** Due times sort as text: epoch millis, zero-padded to 15 digits (past the year 30000). */
    static String dueText(long millis) {
        return String.format("%015d", millis);
    }
}
