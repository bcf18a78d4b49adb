package io.participants.domain.conversation;

import io.participants.domain.common.TenantId;

import java.util.Optional;

/** Port: finds the directory participant that has a channel at a contact's address. */
public interface DirectoryLookup {

    Optional<DirectoryEntry> find(TenantId tenant, Identifier contact);
}
