package io.participants.domain.testing;

import io.participants.domain.common.ConflictException;
import io.participants.domain.common.Page;
import io.participants.domain.common.PageRequest;
import io.participants.domain.common.TenantId;
import io.participants.domain.connection.Connection;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.IntegrationConfigStore;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/** An {@link IntegrationConfigStore} in a map, with the store's paging and in-use rule, for service tests. */
public final class InMemoryIntegrationConfigStore implements IntegrationConfigStore {

    private final Map<TenantId, ConcurrentSkipListMap<UUID, IntegrationConfig>> configs = new HashMap<>();
    private Predicate<UUID> inUse = id -> false;

    /** Makes {@link #delete} refuse configs for which {@code inUse} holds, as the real store does for referenced ones. */
    public void inUseWhen(Predicate<UUID> inUse) {
        this.inUse = inUse;
    }

    @Override
    public synchronized void create(IntegrationConfig config) {
        of(config.tenant()).put(config.id(), config);
    }

    @Override
    public synchronized Optional<IntegrationConfig> find(TenantId tenant, UUID id) {
        return Optional.ofNullable(of(tenant).get(id));
    }

    @Override
    public synchronized Map<UUID, IntegrationConfig> findAll(TenantId tenant, Collection<UUID> ids) {
        Map<UUID, IntegrationConfig> found = new HashMap<>();
        ids.forEach(id -> find(tenant, id).ifPresent(c -> found.put(id, c)));
        return found;
    }

    @Override
    public synchronized Page<IntegrationConfig> list(TenantId tenant, PageRequest page) {
        var all = of(tenant);
        var after = page.pageToken() == null ? all : all.tailMap(UUID.fromString(page.pageToken()), false);
        List<IntegrationConfig> results = after.values().stream().limit(page.limit()).toList();
        String next = after.size() > page.limit() ? results.get(results.size() - 1).id().toString() : null;
        return new Page<>(results, next);
    }

    @Override
    public synchronized boolean setConnection(TenantId tenant, UUID id, Connection connection) {
        IntegrationConfig config = of(tenant).get(id);
        if (config == null) {
            return false;
        }
        of(tenant).put(id, config.withConnection(connection));
        return true;
    }

    @Override
    public synchronized Optional<IntegrationConfig> setSettings(TenantId tenant, UUID id, boolean gravatar,
                                                             Duration avatarSyncInterval,
                                                             boolean messageTextInEvents) {
        IntegrationConfig config = of(tenant).get(id);
        if (config == null) {
            return Optional.empty();
        }
        IntegrationConfig written = new IntegrationConfig(config.tenant(), config.id(), config.provider(),
                config.name(), config.createdAt(), config.connection(), gravatar, avatarSyncInterval,
                messageTextInEvents);
        of(tenant).put(id, written);
        return Optional.of(written);
    }

    @Override
    public synchronized Optional<Duration> avatarSyncInterval(TenantId tenant, UUID id) {
        return find(tenant, id).map(IntegrationConfig::avatarSyncInterval);
    }

    @Override
    public synchronized boolean delete(TenantId tenant, UUID id) {
        if (!of(tenant).containsKey(id)) {
            return false;
        }
        if (of(tenant).get(id).connection() != null) {
            throw new ConflictException("integration-config-connected", "Integration config " + id + " is connected");
        }
        if (inUse.test(id)) {
            throw new ConflictException("integration-config-in-use", "Integration config " + id + " is in use");
        }
        of(tenant).remove(id);
        return true;
    }

    private ConcurrentSkipListMap<UUID, IntegrationConfig> of(TenantId tenant) {
        return configs.computeIfAbsent(tenant, t -> new ConcurrentSkipListMap<>());
    }
}
