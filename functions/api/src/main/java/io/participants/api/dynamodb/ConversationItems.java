package io.participants.api.dynamodb;

import io.participants.domain.common.TenantId;
import io.participants.domain.conversation.Conversation;
import io.participants.domain.conversation.ConversationParticipant;
import io.participants.domain.conversation.Identifier;
import io.participants.domain.conversation.ParticipantStatus;
import io.participants.domain.conversation.ParticipantType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Conversations and their participants as stored. A participant item lives in its conversation's partition; it is
 * indexed by add order (GSI2) and, for a contact, by identifier and status (GSI1).
 */
final class ConversationItems {

    static final String GSI1PK = ParticipantsTable.GSI1 + "PK";
    static final String GSI1SK = ParticipantsTable.GSI1 + "SK";
    static final String GSI2PK = ParticipantsTable.GSI2 + "PK";
    static final String GSI2SK = ParticipantsTable.GSI2 + "SK";

    private ConversationItems() {
    }

    static Map<String, AttributeValue> toItem(Conversation c) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(Keys.key(Keys.tenant(c.tenant()), Keys.conversation(c.id())));
        item.put("name", Keys.s(c.name()));
        if (c.description() != null) {
            item.put("description", Keys.s(c.description()));
        }
        item.put("createdAt", Keys.n(c.createdAt()));
        item.put("updatedAt", Keys.n(c.updatedAt()));
        return item;
    }

    static Conversation conversation(Map<String, AttributeValue> item) {
        return new Conversation(tenantOf(item.get(ParticipantsTable.PK).s()),
                UUID.fromString(item.get(ParticipantsTable.SK).s().substring(Keys.CONVERSATION.length())),
                item.get("name").s(), string(item, "description"),
                Long.parseLong(item.get("createdAt").n()), Long.parseLong(item.get("updatedAt").n()));
    }

    static Map<String, AttributeValue> toItem(ConversationParticipant p) {
        String partition = Keys.members(p.tenant(), p.conversationId());
        Map<String, AttributeValue> item = new LinkedHashMap<>(Keys.key(partition, Keys.member(p.id())));
        item.put("conversationId", Keys.s(p.conversationId().toString()));
        item.put("type", Keys.s(p.type().wireName()));
        if (p.refId() != null) {
            item.put("refId", Keys.s(p.refId()));
        }
        if (p.contact() != null) {
            item.put("identifierKey", Keys.s(p.contact().key()));
            item.put("identifierValue", Keys.s(p.contact().value()));
            item.put(GSI1PK, Keys.s(Keys.identifier(p.tenant(), p.contact())));
        }
        if (p.platformAddressSelector() != null) {
            item.put("platformAddressSelector", Keys.s(p.platformAddressSelector()));
        }
        item.put("status", Keys.s(p.status().wireName()));
        // Only contact items have GSI1PK, so only they appear in the identifier index.
        item.put(GSI1SK, Keys.s(membershipKey(p.status(), p.conversationId())));
        item.put(GSI2PK, Keys.s(partition));
        item.put(GSI2SK, Keys.s(orderKey(p.createdAt(), p.id())));
        item.put("createdAt", Keys.n(p.createdAt()));
        item.put("updatedAt", Keys.n(p.updatedAt()));
        item.put("version", Keys.n(p.version()));
        return item;
    }

    static ConversationParticipant participant(Map<String, AttributeValue> item) {
        String partition = item.get(ParticipantsTable.PK).s();
        Identifier contact = item.containsKey("identifierKey")
                ? new Identifier(item.get("identifierKey").s(), item.get("identifierValue").s()) : null;
        return new ConversationParticipant(
                tenantOf(partition.substring(0, partition.indexOf("#C#"))),
                UUID.fromString(item.get("conversationId").s()),
                UUID.fromString(item.get(ParticipantsTable.SK).s().substring(Keys.MEMBER.length())),
                ParticipantType.parse(item.get("type").s()).orElseThrow(),
                string(item, "refId"), contact, string(item, "platformAddressSelector"),
                ParticipantStatus.parse(item.get("status").s()).orElseThrow(),
                Long.parseLong(item.get("createdAt").n()), Long.parseLong(item.get("updatedAt").n()),
                Long.parseLong(item.get("version").n()));
    }

    /** GSI1 sort key of a contact's membership: by status first, so a status filter is a key condition. */
    static String membershipKey(ParticipantStatus status, UUID conversationId) {
        return Keys.CONVERSATION + status.wireName() + "#" + conversationId;
    }

    /** GSI2 sort key: the time a participant was added, then its id to break ties. */
    static String orderKey(long createdAt, UUID id) {
        return String.format("%013d#%s", createdAt, id);
    }

    private static TenantId tenantOf(String partition) {
        return new TenantId(partition.substring(2));
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
