package io.participants.domain.testing;

import io.participants.domain.avatar.AvatarImage;
import io.participants.domain.avatar.AvatarStore;
import io.participants.domain.common.TenantId;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link AvatarStore} in a map that remembers which files are still pending, for service tests. */
public final class InMemoryAvatarStore implements AvatarStore {

    private final Map<String, AvatarImage> files = new ConcurrentHashMap<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    /** Puts a committed file, as a participant created earlier would point to. */
    public String seed(TenantId tenant, AvatarImage image) {
        String fileId = put(tenant, image);
        commit(tenant, fileId);
        return fileId;
    }

    public boolean contains(TenantId tenant, String fileId) {
        return files.containsKey(tenant.value() + "/" + fileId);
    }

    public boolean isPending(TenantId tenant, String fileId) {
        return pending.contains(tenant.value() + "/" + fileId);
    }

    @Override
    public String put(TenantId tenant, AvatarImage image) {
        String fileId = UUID.randomUUID().toString();
        files.put(tenant.value() + "/" + fileId, image);
        pending.add(tenant.value() + "/" + fileId);
        return fileId;
    }

    @Override
    public boolean commit(TenantId tenant, String fileId) {
        pending.remove(tenant.value() + "/" + fileId);
        return files.containsKey(tenant.value() + "/" + fileId);
    }

    @Override
    public void delete(TenantId tenant, String fileId) {
        files.remove(tenant.value() + "/" + fileId);
        pending.remove(tenant.value() + "/" + fileId);
    }

    @Override
    public URI link(TenantId tenant, String fileId, Duration validity) {
        return URI.create("https://files.test/" + tenant.value() + "/" + fileId);
    }
}
