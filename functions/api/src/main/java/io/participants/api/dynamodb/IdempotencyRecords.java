package io.participants.api.dynamodb;

import io.participants.domain.common.TenantId;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The idempotency records of creates: one item per tenant and {@code Idempotency-Key} in the tenant's partition,
 * {@code IDEMPOTENCY#{base64url(sha256(key))}}, living 24 hours (the table's TTL attribute, with the expiry in every
 * condition, since the sweep lags). A create claims its record with one conditional PutItem, holding a lease until
 * its invocation ends; the record's answer is written in the create's own transaction ({@link CreateCompletion}),
 * conditional on the lease; a create that fails deletes the record it holds.
 */
public final class IdempotencyRecords {

    /** How long a key answers the same request with its first answer. */
    public static final Duration RETENTION = Duration.ofHours(24);

    static final String STATE = "recordState";
    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";
    static final String FINGERPRINT = "fingerprint";
    static final String EXPIRES_AT = "expiresAt";
    static final String LEASE_UNTIL = "leaseUntil";
    static final String LEASE_TOKEN = "leaseToken";
    static final String ANSWER_STATUS = "answerStatus";
    static final String ANSWER_HEADERS = "answerHeaders";
    static final String ANSWER_BODY = "answerBody";

    /**
     * Absent, past its 24 hours (the sweep lags, so an expired item is as good as none), or in progress under a
     * lease that ran out (its invocation ended without completing or deleting it).
     */
    private static final String CLAIMABLE = "attribute_not_exists(PK) OR " + EXPIRES_AT + " <= :now OR ("
            + STATE + " = :inProgress AND " + LEASE_UNTIL + " < :now)";
    private static final String HELD = STATE + " = :inProgress AND " + LEASE_TOKEN + " = :token";

    private final DynamoDbClient client;
    private final String tableName;
    private final Clock clock;

    public IdempotencyRecords(DynamoDbClient client, String tableName, Clock clock) {
        this.client = client;
        this.tableName = tableName;
        this.clock = clock;
    }

    /** An answer as it was first given: its status, headers and body bytes. */
    public record StoredAnswer(int status, Map<String, String> headers, byte[] body) {

        public StoredAnswer {
            headers = Map.copyOf(headers);
        }
    }

    /** What claiming a key found. */
    public sealed interface Claim permits Acquired, Replay, Reused, InUse {
    }

    /** The record is this request's, under {@code lease}, until its answer is committed or the lease runs out. */
    public record Acquired(Lease lease) implements Claim {
    }

    /** The same request completed under this key within 24 hours: its first answer. */
    public record Replay(StoredAnswer answer) implements Claim {
    }

    /** The key was used for another request (method, route or body) within 24 hours. */
    public record Reused() implements Claim {
    }

    /** The same request is running under this key; its lease ends within {@code retryAfterSeconds}. */
    public record InUse(long retryAfterSeconds) implements Claim {
    }

    /** A held record: the only token that may complete or delete it. */
    public record Lease(TenantId tenant, String sortKey, String token, byte[] fingerprint, long expiresAt) {
    }

    /** The lease ran out and another request claimed the record before this create committed. */
    public static final class LeaseLostException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        LeaseLostException() {
            super("the idempotency record's lease ran out and another request holds it", null, false, false);
        }
    }

    /**
     * Claims the record of {@code key} for a request of {@code fingerprint}: one conditional PutItem that returns the
     * existing record when it is not claimable, so a replay, a reuse or a request still running needs no read.
     */
    public Claim claim(TenantId tenant, String key, byte[] fingerprint, long leaseMillis) {
        long now = clock.millis();
        long expiresAt = now + RETENTION.toMillis();
        Lease lease = new Lease(tenant, Keys.idempotency(key), UUID.randomUUID().toString(), fingerprint.clone(),
                expiresAt);
        Map<String, AttributeValue> item = base(lease, IN_PROGRESS);
        item.put(LEASE_UNTIL, Keys.n(now + leaseMillis));
        item.put(LEASE_TOKEN, Keys.s(lease.token()));
        try {
            client.putItem(p -> p.tableName(tableName).item(item)
                    .conditionExpression(CLAIMABLE)
                    .expressionAttributeValues(Map.of(":now", Keys.n(now), ":inProgress", Keys.s(IN_PROGRESS)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Acquired(lease);
        } catch (ConditionalCheckFailedException e) {
            return e.hasItem() && !e.item().isEmpty() ? found(e.item(), fingerprint, now) : new InUse(1);
        } catch (TransactionConflictException e) {
            // the record is in a create's transaction at this moment: the same key's request is completing
            return new InUse(1);
        }
    }

    /**
     * Deletes the record {@code lease} holds, so that a refused or failed create leaves nothing and the key can be
     * used again at once. Best effort: when the delete fails too, the lease runs out on its own.
     */
    public void release(Lease lease) {
        try {
            client.deleteItem(d -> d.tableName(tableName).key(Keys.key(Keys.tenant(lease.tenant()), lease.sortKey()))
                    .conditionExpression(HELD)
                    .expressionAttributeValues(held(lease).values()));
        } catch (RuntimeException e) {
            // no longer ours (completed, or claimed after the lease ran out), or DynamoDB failing: the lease expires
        }
    }

    /** The completed record with its answer, as the create's transaction puts it. */
    static Map<String, AttributeValue> completed(Lease lease, StoredAnswer answer) {
        Map<String, AttributeValue> item = base(lease, COMPLETED);
        item.put(ANSWER_STATUS, Keys.n(answer.status()));
        Map<String, AttributeValue> headers = new LinkedHashMap<>();
        answer.headers().forEach((name, value) -> headers.put(name, Keys.s(value)));
        item.put(ANSWER_HEADERS, AttributeValue.fromM(headers));
        item.put(ANSWER_BODY, AttributeValue.fromB(SdkBytes.fromByteArray(answer.body())));
        return item;
    }

    /** Still in progress under this lease: a lease that ran out and was claimed again cannot complete. */
    static Condition held(Lease lease) {
        return new Condition(HELD, Map.of(":inProgress", Keys.s(IN_PROGRESS), ":token", Keys.s(lease.token())));
    }

    private static Map<String, AttributeValue> base(Lease lease, String state) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.key(Keys.tenant(lease.tenant()), lease.sortKey()));
        item.put(STATE, Keys.s(state));
        item.put(FINGERPRINT, AttributeValue.fromB(SdkBytes.fromByteArray(lease.fingerprint())));
        item.put(EXPIRES_AT, Keys.n(lease.expiresAt()));
        // the table's TTL attribute, in epoch seconds, rounded up so the sweep never runs before the expiry
        item.put(ParticipantsTable.TTL, Keys.n(Math.floorDiv(lease.expiresAt() + 999, 1000)));
        return item;
    }

    private static Claim found(Map<String, AttributeValue> item, byte[] fingerprint, long now) {
        AttributeValue stored = item.get(FINGERPRINT);
        if (stored == null || !MessageDigest.isEqual(stored.b().asByteArrayUnsafe(), fingerprint)) {
            return new Reused();
        }
        if (COMPLETED.equals(item.get(STATE).s())) {
            Map<String, String> headers = new LinkedHashMap<>();
            item.get(ANSWER_HEADERS).m().forEach((name, value) -> headers.put(name, value.s()));
            return new Replay(new StoredAnswer(Integer.parseInt(item.get(ANSWER_STATUS).n()), headers,
                    item.get(ANSWER_BODY).b().asByteArray()));
        }
        long leaseLeft = Long.parseLong(item.get(LEASE_UNTIL).n()) - now;
        return new InUse(Math.max(1, (leaseLeft + 999) / 1000));
    }
}
