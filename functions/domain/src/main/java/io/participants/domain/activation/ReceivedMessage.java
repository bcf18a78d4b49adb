package io.participants.domain.activation;

import io.participants.domain.common.TenantId;
import io.participants.domain.integration.Provider;

import java.util.List;
import java.util.UUID;

/**
 * A verified message from a participant's channel, as recorded once per provider message id: what the change event
 * {@code participants.channel.message_received} tells. {@code text} is null unless the config turns
 * {@code messageTextInEvents} on (and the message has text); it is never printed.
 */
public record ReceivedMessage(TenantId tenant, UUID integrationConfigId, Provider provider, String address,
                              UUID participantId, List<String> agentIds, String messageId, long receivedAt,
                              MessageText text) {

    public ReceivedMessage {
        agentIds = List.copyOf(agentIds);
    }

    @Override
    public String toString() {
        return "ReceivedMessage[tenant=" + tenant + ", integrationConfigId=" + integrationConfigId + ", provider="
                + provider + ", participantId=" + participantId + ", messageId=" + messageId + ", receivedAt="
                + receivedAt + ", text=" + text + "]";
    }
}
