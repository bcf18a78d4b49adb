package io.participants.api.dynamodb;

import io.participants.api.dynamodb.IdempotencyRecords.Acquired;
import io.participants.api.dynamodb.IdempotencyRecords.InUse;
import io.participants.api.dynamodb.IdempotencyRecords.Lease;
import io.participants.api.dynamodb.IdempotencyRecords.LeaseLostException;
import io.participants.api.dynamodb.IdempotencyRecords.Replay;
import io.participants.api.dynamodb.IdempotencyRecords.Reused;
import io.participants.api.dynamodb.IdempotencyRecords.StoredAnswer;
import io.participants.api.secrets.MutableClock;
import io.participants.api.testing.LocalDynamo;
import io.participants.domain.common.TenantId;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.Provider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The record's lease against DynamoDB Local, where the handler's tests cannot stop a create half-way: a create whose
 * lease ran out and was claimed again cannot complete, so two requests under one key never both create.
 */
class IdempotencyRecordsIntegrationTest {

    private static final TenantId TENANT = new TenantId("acme");
    private static final byte[] FINGERPRINT = "POST /v1/tenants/acme/integrations/configs\n{}"
            .getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = new MutableClock(Instant.now());
    private String table;
    private IdempotencyRecords records;
    private DynamoIntegrationConfigStore configs;

    @BeforeEach
    void freshTable() {
        table = LocalDynamo.newTable();
        records = new IdempotencyRecords(LocalDynamo.client(), table, clock);
        configs = new DynamoIntegrationConfigStore(LocalDynamo.client(), table, clock);
    }

    @Test
    void aCreateWhoseLeaseWasTakenOverCannotComplete() {
        Lease first = acquire(records.claim(TENANT, "key-1", FINGERPRINT, 1_000));
        clock.advance(Duration.ofMillis(1_001));
        Lease second = acquire(records.claim(TENANT, "key-1", FINGERPRINT, 1_000));
        IntegrationConfig late = config();

        assertThatThrownBy(() -> CreateCompletion.run(first, created -> answer("late"), () -> configs.create(late)))
                .isInstanceOf(LeaseLostException.class);
        assertThat(configs.find(TENANT, late.id())).isEmpty();

        IntegrationConfig taken = config();
        StoredAnswer stored = CreateCompletion.run(second, created -> answer(((IntegrationConfig) created).name()),
                () -> configs.create(taken));
        records.release(first);

        assertThat(configs.find(TENANT, taken.id())).isPresent();
        assertThat(records.claim(TENANT, "key-1", FINGERPRINT, 1_000)).isInstanceOfSatisfying(Replay.class,
                replay -> assertThat(replay.answer().body()).isEqualTo(stored.body()));
    }

    @Test
    void aLiveLeaseIsInUseForTheSecondsItHasLeftAndAnotherFingerprintIsReused() {
        acquire(records.claim(TENANT, "key-2", FINGERPRINT, 4_200));
        clock.advance(Duration.ofMillis(1_000));

        assertThat(records.claim(TENANT, "key-2", FINGERPRINT, 4_200)).isEqualTo(new InUse(4));
        assertThat(records.claim(TENANT, "key-2", "other".getBytes(StandardCharsets.UTF_8), 4_200))
                .isInstanceOf(Reused.class);
    }

    @Test
    void aReleasedRecordIsGoneAndAnotherLeasesReleaseTouchesNothing() {
        Lease held = acquire(records.claim(TENANT, "key-3", FINGERPRINT, 1_000));
        Lease stranger = new Lease(TENANT, held.sortKey(), UUID.randomUUID().toString(), FINGERPRINT,
                held.expiresAt());

        records.release(stranger);
        assertThat(records.claim(TENANT, "key-3", FINGERPRINT, 1_000)).isInstanceOf(InUse.class);

        records.release(held);
        assertThat(LocalDynamo.client().getItem(g -> g.tableName(table).consistentRead(true)
                .key(Keys.key(Keys.tenant(TENANT), held.sortKey()))).hasItem()).isFalse();
    }

    @Test
    void theRecordsKeyHoldsAHashOfTheKeyNeverTheKey() {
        Lease held = acquire(records.claim(TENANT, "customer-42/order-7", FINGERPRINT, 1_000));

        assertThat(held.sortKey()).startsWith("IDEMPOTENCY#").doesNotContain("customer").hasSize(12 + 43);
        assertThat(held.expiresAt()).isEqualTo(clock.millis() + Duration.ofHours(24).toMillis());
        var item = LocalDynamo.client().getItem(g -> g.tableName(table).consistentRead(true)
                .key(Keys.key(Keys.tenant(TENANT), held.sortKey()))).item();
        assertThat(Long.parseLong(item.get(ParticipantsTable.TTL).n()) * 1000).isBetween(held.expiresAt(),
                held.expiresAt() + 999);
    }

    private static Lease acquire(IdempotencyRecords.Claim claim) {
        assertThat(claim).isInstanceOf(Acquired.class);
        return ((Acquired) claim).lease();
    }

    private IntegrationConfig config() {
        return new IntegrationConfig(TENANT, UUID.randomUUID(), Provider.EMAIL, "Mail " + UUID.randomUUID(),
                clock.millis());
    }

    private static StoredAnswer answer(String body) {
        return new StoredAnswer(201, Map.of("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
