package io.participants.domain.integration;

import io.participants.domain.common.Page;
import io.participants.domain.common.PageRequest;
import io.participants.domain.common.TenantId;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Port: where a tenant's integration configs are kept. */
public interface IntegrationConfigStore {

    void create(IntegrationConfig config);

    Optional<IntegrationConfig> find(TenantId tenant, UUID id);

    /** The configs among {@code ids} that exist, by id, in one read. */
    Map<UUID, IntegrationConfig> findAll(TenantId tenant, Collection<UUID> ids);

    Page<IntegrationConfig> list(TenantId tenant, PageRequest page);

    /**
     * Deletes the config unless a channel still points to it.
     *
     * @return false when there was no such config
     * @throws io.participants.domain.common.ConflictException when a channel still references it
     */
    boolean delete(TenantId tenant, UUID id);
}
