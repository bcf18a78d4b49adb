package io.participants.domain.integration;

import io.participants.domain.common.Page;
import io.participants.domain.common.PageRequest;
import io.participants.domain.common.TenantId;
import io.participants.domain.connection.Connection;

import java.time.Duration;
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
     * Sets the config's OAuth connection, or removes it when {@code connection} is null. Refused while the config is
     * being deleted, so that no token outlives its config.
     *
     * @return false when there is no such config (or it is being deleted)
     */
    boolean setConnection(TenantId tenant, UUID id, Connection connection);

    /**
     * Sets the settings an update changes: Gravatar (an {@code EMAIL} config's; the caller checks the provider),
     * the auto-sync interval (null: the deployment's) and whether message text goes into change events (the caller
     * checks the provider). Refused while the config is being deleted.
     *
     * @return the config as written, or empty when there is no such config (or it is being deleted)
     */
    Optional<IntegrationConfig> setSettings(TenantId tenant, UUID id, boolean gravatar, Duration avatarSyncInterval,
                                            boolean messageTextInEvents);

    /**
     * The config's own auto-sync interval, for the auto-sync worker: empty when it sets none or is gone. Read
     * eventually consistently (half the cost of {@link #find}): an update a moment old may not be seen yet, which
     * only moves one next due time.
     */
    Optional<Duration> avatarSyncInterval(TenantId tenant, UUID id);

    /**
     * Deletes the config unless a channel still points to it or it is connected (disconnect it first).
     *
     * @return false when there was no such config
     * @throws io.participants.domain.common.ConflictException when a channel still references it, or it holds a token
     */
    boolean delete(TenantId tenant, UUID id);
}
