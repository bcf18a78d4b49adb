package io.participants.api.dynamodb;

import io.participants.domain.common.Ids;
import io.participants.domain.conversation.Identifier;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.ValidationException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** Key layout of the single table; every partition key starts with the tenant, so no query crosses tenants. */
final class Keys {

    static final String PARTICIPANT = "PARTICIPANT#";
    static final String CONFIG = "CONFIG#";
    static final String CLAIM = "CLAIM#";
    static final String CONVERSATION = "CONVERSATION#";
    static final String MEMBER = "CP#";
    static final String OAUTH_STATE = "OAUTH#";
    static final String IDEMPOTENCY = "IDEMPOTENCY#";
    /** A participant's auto-sync schedule: its next due time and the lease of the sync running now. */
    static final String AVATAR_SYNC = "AVATARSYNC#";
    static final String WEBHOOK = "WEBHOOK#";
    static final String MESSAGE = "MESSAGE#";

    private Keys() {
    }

    static String tenant(TenantId tenant) {
        return "T#" + tenant.value();
    }

    static String agent(TenantId tenant, String agentId) {
        return "T#" + tenant.value() + "#AGENT#" + agentId;
    }

    static String participant(UUID id) {
        return PARTICIPANT + id;
    }

    static String avatarSync(UUID participantId) {
        return AVATAR_SYNC + participantId;
    }

    static String config(UUID id) {
        return CONFIG + id;
    }

    static String claimPrefix(UUID configId) {
        return CLAIM + configId + "#";
    }

    static String claim(UUID configId, String address) {
        return claimPrefix(configId) + address;
    }

    static String oauthState(String nonce) {
        return OAUTH_STATE + nonce;
    }

    /** A create's idempotency record: the key is hashed, so no client-chosen text becomes part of a key. */
    static String idempotency(String idempotencyKey) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return IDEMPOTENCY + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A config webhook's key item, found by the key's public prefix. */
    static String webhook(String keyPrefix) {
        return WEBHOOK + keyPrefix;
    }

    /** A received message's record: the provider's message id is hashed, so no sender-chosen text is a key. */
    static String message(UUID configId, String messageId) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(messageId.getBytes(StandardCharsets.UTF_8));
            return MESSAGE + configId + "#" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static String conversation(UUID id) {
        return CONVERSATION + id;
    }

    /** The partition of one conversation's participants. */
    static String members(TenantId tenant, UUID conversationId) {
        return "T#" + tenant.value() + "#C#" + conversationId;
    }

    static String member(UUID id) {
        return MEMBER + id;
    }

    /** The identifier index partition of a contact or address: its conversations and its directory owner. */
    static String identifier(TenantId tenant, Identifier identifier) {
        return "T#" + tenant.value() + "#ID#" + identifier.key() + "#" + identifier.value();
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(ParticipantsTable.PK, s(pk), ParticipantsTable.SK, s(sk));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** The sort key after which the next page starts, made opaque; the partition always comes from the path. */
    static String pageToken(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a page token back, accepting only a sort key of the expected prefix and a UUID. */
    static String sortKeyOfPageToken(String token, String prefix) {
        if (token == null) {
            return null;
        }
        String sortKey = decodePageToken(token);
        if (sortKey.startsWith(prefix) && Ids.parse(sortKey.substring(prefix.length())).isPresent()) {
            return sortKey;
        }
        throw invalidPageToken();
    }

    /** The sort key inside a page token; a token that is not base64url is invalid. */
    static String decodePageToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidPageToken();
        }
    }

    static ValidationException invalidPageToken() {
        return ValidationException.of("pageToken", "is not a valid page token");
    }
}
