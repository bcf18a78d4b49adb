package io.participants.domain.testing;

import io.participants.domain.activation.ActivationStore;
import io.participants.domain.activation.ConfigWebhook;
import io.participants.domain.activation.ReceivedMessage;
import io.participants.domain.common.TenantId;
import io.participants.domain.integration.IntegrationConfigStore;
import io.participants.domain.participant.ChannelKey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link ActivationStore} in memory; every channel counts as claimed. */
public final class InMemoryActivationStore implements ActivationStore {

    private final IntegrationConfigStore configs;
    private final Map<String, ConfigWebhook> byPrefix = new HashMap<>();
    private final Map<UUID, ConfigWebhook> byConfig = new HashMap<>();
    private final Map<ChannelKey, Long> lastMessages = new HashMap<>();
    private final Map<String, ReceivedMessage> received = new HashMap<>();

    public InMemoryActivationStore(IntegrationConfigStore configs) {
        this.configs = configs;
    }

    @Override
    public synchronized Optional<ConfigWebhook> find(TenantId tenant, String keyPrefix) {
        return Optional.ofNullable(byPrefix.get(tenant.value() + "/" + keyPrefix));
    }

    @Override
    public synchronized boolean replace(ConfigWebhook next, String previousPrefix) {
        if (configs.find(next.tenant(), next.integrationConfigId()).isEmpty()) {
            return false;
        }
        ConfigWebhook current = byConfig.get(next.integrationConfigId());
        if (!java.util.Objects.equals(current == null ? null : current.keyPrefix(), previousPrefix)) {
            return false;
        }
        if (current != null) {
            byPrefix.remove(next.tenant().value() + "/" + current.keyPrefix());
        }
        byConfig.put(next.integrationConfigId(), next);
        byPrefix.put(next.tenant().value() + "/" + next.keyPrefix(), next);
        return true;
    }

    @Override
    public synchronized ActivationState state(TenantId tenant, Collection<UUID> configIds,
                                              Collection<ChannelKey> channels) {
        Map<UUID, ConfigWebhookSummary> webhooks = new HashMap<>();
        configIds.forEach(id -> Optional.ofNullable(byConfig.get(id)).filter(w -> w.tenant().equals(tenant))
                .ifPresent(w -> webhooks.put(id, new ConfigWebhookSummary(w.keyPrefix(), w.createdAt()))));
        Map<ChannelKey, Long> last = new HashMap<>();
        channels.forEach(c -> Optional.ofNullable(lastMessages.get(c)).ifPresent(t -> last.put(c, t)));
        return new ActivationState(webhooks, last, configs.findAll(tenant, configIds));
    }

    @Override
    public synchronized void touchChannel(TenantId tenant, ChannelKey channel, long at) {
        lastMessages.merge(channel, at, Math::max);
    }

    @Override
    public synchronized boolean record(ReceivedMessage message) {
        return received.putIfAbsent(message.tenant().value() + "/" + message.integrationConfigId() + "/"
                + message.messageId(), message) == null;
    }

    public synchronized List<ReceivedMessage> received() {
        return new ArrayList<>(received.values());
    }
}
