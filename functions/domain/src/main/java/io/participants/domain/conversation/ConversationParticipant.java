package io.participants.domain.conversation;

import io.participants.domain.common.TenantId;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * One member of a conversation: a contact known by its identifier, or a user, agent, flow or bot known by id.
 * Its id is derived from the conversation and the member's identity (a name-based UUID, RFC 9562 version 5), so
 * the same member always has the same id and can be addressed by identifier without a lookup.
 */
public record ConversationParticipant(
        TenantId tenant,
        UUID conversationId,
        UUID id,
        ParticipantType type,
        String refId,
        Identifier contact,
        String platformAddressSelector,
        ParticipantStatus status,
        long createdAt,
        long updatedAt,
        long version) {

    /** The id of a contact in a conversation. */
    public static UUID idOf(UUID conversationId, Identifier contact) {
        return nameBased(conversationId, "contact\n" + contact.key() + "\n" + contact.value());
    }

    /** The id of a user, agent, flow or bot in a conversation. */
    public static UUID idOf(UUID conversationId, ParticipantType type, String refId) {
        return nameBased(conversationId, type.wireName() + "\n" + refId);
    }

    private static UUID nameBased(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                    .putLong(namespace.getLeastSignificantBits()).array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
            long msb = (bytes.getLong() & ~0xF000L) | 0x5000L;
            long lsb = (bytes.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(msb, lsb);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }
}
