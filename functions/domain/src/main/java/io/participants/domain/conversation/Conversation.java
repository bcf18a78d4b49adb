package io.participants.domain.conversation;

import io.participants.domain.common.TenantId;

import java.util.UUID;

/** A conversation of a workspace (the tenant). */
public record Conversation(TenantId tenant, UUID id, String name, String description, long createdAt,
                           long updatedAt) {
}
