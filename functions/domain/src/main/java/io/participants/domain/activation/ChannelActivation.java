package io.participants.domain.activation;

import io.participants.domain.integration.Provider;

import java.util.UUID;

/**
 * The inbound endpoint through which a provider delivers one channel's messages to one agent bound to the
 * participant. {@code webhookUrl} (with its key) and {@code clientState} (the secret Microsoft Graph echoes in each
 * notification) are null but in the answer that created or rotated a per-binding one.
 */
public record ChannelActivation(String agentId, UUID bindingId, UUID integrationConfigId, Provider provider,
                                String address, String webhookUrl, String webhookUrlTemplate,
                                String webhookKeyPrefix, ActivationScope scope, String clientState) {

    public ChannelActivation(String agentId, UUID bindingId, UUID integrationConfigId, Provider provider,
                             String address, String webhookUrl, String webhookUrlTemplate, String webhookKeyPrefix,
                             ActivationScope scope) {
        this(agentId, bindingId, integrationConfigId, provider, address, webhookUrl, webhookUrlTemplate,
                webhookKeyPrefix, scope, null);
    }

    @Override
    public String toString() {
        return "ChannelActivation[agentId=" + agentId + ", bindingId=" + bindingId + ", integrationConfigId="
                + integrationConfigId + ", address=" + address + ", webhookKeyPrefix=" + webhookKeyPrefix
                + ", scope=" + scope + "]";
    }
}
