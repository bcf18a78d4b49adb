package io.participants.domain.participant;

import io.participants.domain.integration.Provider;

import java.util.UUID;

/**
 * A way to reach a participant: an address on the provider workspace of one integration config.
 * The provider is copied from the config when the channel is written; a config's provider never changes
 * and a config cannot be deleted while channels point to it, so the copy cannot go stale.
 */
public record Channel(UUID integrationConfigId, String address, int priority, String label, boolean disabled,
                      Provider provider) {

    /** The key that at most one participant of a tenant may hold. */
    public ChannelKey key() {
        return new ChannelKey(integrationConfigId, address);
    }

    public boolean hasValidAddress() {
        return provider.isValidAddress(address);
    }
}
