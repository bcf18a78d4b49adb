package io.participants.api.dynamodb;

import io.participants.domain.connection.OAuthState;
import io.participants.domain.connection.OAuthStateLedger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.util.Map;

/**
 * {@link OAuthStateLedger} on the single table: one item per issued state under its tenant's partition, removed by
 * the one conditional delete that consumes it. The table's TTL attribute ({@value ParticipantsTable#TTL}, epoch
 * seconds) sweeps states nobody came back with; until the sweep runs, the expiry in the condition refuses them.
 */
public final class DynamoOAuthStateLedger implements OAuthStateLedger {

    private final DynamoDbClient client;
    private final String tableName;
    private final Clock clock;

    public DynamoOAuthStateLedger(DynamoDbClient client, String tableName, Clock clock) {
        this.client = client;
        this.tableName = tableName;
        this.clock = clock;
    }

    @Override
    public void open(OAuthState state) {
        client.putItem(p -> p.tableName(tableName)
                .item(Map.of(
                        ParticipantsTable.PK, Keys.s(Keys.tenant(state.tenant())),
                        ParticipantsTable.SK, Keys.s(Keys.oauthState(state.nonce())),
                        "configId", Keys.s(state.integrationConfigId().toString()),
                        "expiresAt", Keys.n(state.expiresAt()),
                        ParticipantsTable.TTL, Keys.n(Math.floorDiv(state.expiresAt(), 1000) + 1)))
                .conditionExpression(Condition.NOT_EXISTS.expression()));
    }

    @Override
    public boolean consume(OAuthState state) {
        try {
            client.deleteItem(d -> d.tableName(tableName)
                    .key(Keys.key(Keys.tenant(state.tenant()), Keys.oauthState(state.nonce())))
                    .conditionExpression("attribute_exists(PK) AND configId = :config AND expiresAt >= :now")
                    .expressionAttributeValues(Map.of(
                            ":config", Keys.s(state.integrationConfigId().toString()),
                            ":now", Keys.n(clock.millis()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
