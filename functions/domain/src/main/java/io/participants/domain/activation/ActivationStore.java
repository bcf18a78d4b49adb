package io.participants.domain.activation;

import io.participants.domain.common.TenantId;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.participant.BindingKey;
import io.participants.domain.participant.BindingSlot;
import io.participants.domain.participant.ChannelKey;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Port: where config webhooks, received message ids and channels' last message times are kept. */
public interface ActivationStore {

    /** The webhook whose key has {@code keyPrefix}; empty for an unknown or rotated-away key. */
    Optional<ConfigWebhook> find(TenantId tenant, String keyPrefix);

    /**
     * Stores {@code next} as the config's webhook and removes the one with {@code previousPrefix} (null: none) in one
     * write, so the old key stops working at once.
     *
     * @return false when the config does not exist, or its webhook is no longer {@code previousPrefix}
     */
    boolean replace(ConfigWebhook next, String previousPrefix);

    /**
     * The configs (with their webhooks) and the channels' last message times, in one read: what a participant's
     * health and activations need, so that showing one costs one read beside the participant itself.
     */
    ActivationState state(TenantId tenant, Collection<UUID> configIds, Collection<ChannelKey> channels);

    /**
     * Sets the channel's last message time to {@code at} if it is later than the stored one; a no-op for a channel
     * no longer claimed (removed meanwhile) or one with a later message already.
     */
    void touchChannel(TenantId tenant, ChannelKey channel, long at);

    /** Records a message once per provider message id. @return false when it was recorded before (a redelivery) */
    boolean record(ReceivedMessage message);

    /**
     * What {@link #state} read: the configs that exist, each one's webhook key prefix and created time, and each
     * channel's last message.
     */
    record ActivationState(Map<UUID, ConfigWebhookSummary> webhooks, Map<ChannelKey, Long> lastMessages,
                           Map<UUID, IntegrationConfig> configs, Map<BindingSlot, String> bindingKeys) {

        public static final ActivationState NONE = new ActivationState(Map.of(), Map.of(), Map.of());

        public ActivationState(Map<UUID, ConfigWebhookSummary> webhooks, Map<ChannelKey, Long> lastMessages,
                               Map<UUID, IntegrationConfig> configs) {
            this(webhooks, lastMessages, configs, Map.of());
        }

        /** {@code bindingKeys}: the key prefix of each per-binding activation of the channels read. */
        public ActivationState {
            webhooks = Map.copyOf(webhooks);
            lastMessages = Map.copyOf(lastMessages);
            configs = Map.copyOf(configs);
            bindingKeys = Map.copyOf(bindingKeys);
        }
    }

    /**
     * Replaces the keys of per-binding activations: for each of {@code next}, its slot's key must still be
     * {@code previousPrefixes} of the same index; the old key items go in the same write, so they stop working at
     * once. A null previous prefix issues a slot's first key: the slot must have none and its binding must exist.
     *
     * @return false when a slot is gone or its key changed meanwhile (nothing written)
     */
    default boolean rotate(TenantId tenant, java.util.UUID participantId, java.util.List<BindingKey> next,
                           java.util.List<String> previousPrefixes) {
        throw new UnsupportedOperationException("this store keeps no per-binding activations");
    }

    /** A config's current webhook as reads show it: its key's prefix only. */
    record ConfigWebhookSummary(String keyPrefix, long createdAt) {
    }
}
