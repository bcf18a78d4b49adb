package io.participants.domain.participant;

/**
 * The stored form of a per-binding activation's secrets: its webhook key's public prefix, the SHA-256 hashes of
 * the whole key and of the provider's shared secret (Microsoft Graph's {@code clientState}), and when it was made.
 * Never the key or the secret themselves.
 */
public record BindingKey(BindingSlot slot, io.participants.domain.integration.Provider provider, String keyPrefix, String keyHash, String clientStateHash, long createdAt) {

    @Override
    public String toString() {
        return "BindingKey[slot=" + slot + ", keyPrefix=" + keyPrefix + "]";
    }
}
