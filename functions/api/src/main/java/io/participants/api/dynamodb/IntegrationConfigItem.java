package io.participants.api.dynamodb;

import io.participants.domain.common.TenantId;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.Provider;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** An integration config as stored: one item under its tenant's partition. */
final class IntegrationConfigItem {

    private IntegrationConfigItem() {
    }

    static Map<String, AttributeValue> toItem(IntegrationConfig config) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(
                Keys.key(Keys.tenant(config.tenant()), Keys.config(config.id())));
        item.put("provider", Keys.s(config.provider().name()));
        item.put("name", Keys.s(config.name()));
        item.put("createdAt", Keys.n(config.createdAt()));
        return item;
    }

    static IntegrationConfig toDomain(Map<String, AttributeValue> item) {
        return new IntegrationConfig(
                new TenantId(item.get(ParticipantsTable.PK).s().substring(2)),
                UUID.fromString(item.get(ParticipantsTable.SK).s().substring(Keys.CONFIG.length())),
                Provider.valueOf(item.get("provider").s()),
                item.get("name").s(),
                Long.parseLong(item.get("createdAt").n()));
    }
}
