package io.participants.domain.activation;

import io.participants.domain.integration.Provider;

import java.util.UUID;

/**
 * The inbound endpoint through which a provider delivers one channel's messages to one agent bound to the
 * participant. {@code webhookUrl} (with its key) is null but in the answer that created a per-binding one.
 */
public record ChannelActivation(String agentId, UUID bindingId, UUID integrationConfigId, Provider provider,
                                String address, String webhookUrl, String webhookUrlTemplate,
                                String webhookKeyPrefix, ActivationScope scope) {
}
