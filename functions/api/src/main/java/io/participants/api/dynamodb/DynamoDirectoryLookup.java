package io.participants.api.dynamodb;

import io.participants.domain.common.TenantId;
import io.participants.domain.conversation.DirectoryEntry;
import io.participants.domain.conversation.DirectoryLookup;
import io.participants.domain.conversation.Identifier;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link DirectoryLookup} through the identifier index: channel claims of email and phone channels carry their
 * normalised address there, so the owner of an address is one index query and one read of the participant.
 */
public final class DynamoDirectoryLookup implements DirectoryLookup {

    private final DynamoDbClient client;
    private final String tableName;
    private final ParticipantStore participants;

    public DynamoDirectoryLookup(DynamoDbClient client, String tableName, ParticipantStore participants) {
        this.client = client;
        this.tableName = tableName;
        this.participants = participants;
    }

    @Override
    public Optional<DirectoryEntry> find(TenantId tenant, Identifier contact) {
        List<Map<String, AttributeValue>> claims = client.query(q -> q.tableName(tableName)
                .indexName(ParticipantsTable.GSI1)
                .keyConditionExpression("GSI1PK = :pk AND begins_with(GSI1SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Keys.s(Keys.identifier(tenant, contact)),
                        ":prefix", Keys.s(Keys.PARTICIPANT)))
                .limit(1)).items();
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        UUID participantId = UUID.fromString(claims.get(0).get("participantId").s());
        return participants.find(tenant, participantId)
                .map((Participant p) -> new DirectoryEntry(p.id(), p.displayName(), p.avatarFileId()));
    }
}
