package io.participants.domain.conversation;

import io.participants.domain.common.TenantId;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link DirectoryLookup} over a map, counting lookups so tests can see how often the directory is asked. */
final class InMemoryDirectoryLookup implements DirectoryLookup {

    private record Key(TenantId tenant, Identifier address) {
    }

    private final Map<Key, DirectoryEntry> entries = new HashMap<>();
    private int lookups;

    void put(TenantId tenant, Identifier address, DirectoryEntry entry) {
        entries.put(new Key(tenant, address), entry);
    }

    int lookups() {
        return lookups;
    }

    @Override
    public synchronized Optional<DirectoryEntry> find(TenantId tenant, Identifier contact) {
        lookups++;
        return Optional.ofNullable(entries.get(new Key(tenant, contact)));
    }
}
