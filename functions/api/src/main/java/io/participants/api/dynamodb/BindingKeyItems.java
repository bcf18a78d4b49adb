package io.participants.api.dynamodb;

import io.participants.domain.activation.ActivationScope;
import io.participants.domain.common.TenantId;
import io.participants.domain.participant.BindingKey;
import io.participants.domain.participant.BindingSlot;
import io.participants.domain.participant.Channel;
import io.participants.domain.participant.ChannelKey;
import io.participants.domain.participant.Participant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How per-binding activations are stored. Each has a key item ({@code WEBHOOK#{keyPrefix}}, as a config's webhook:
 * the key's and the {@code clientState}'s hashes, and the participant, agent and channel it delivers to), and its
 * prefix is an attribute of its channel's claim item ({@code bindingKey#{agentId}}): the claim is read with every
 * participant answer anyway (for the last message time), goes with the channel, and is in every write that adds or
 * removes the channel, so issuing and retiring a key joins the participant's own transaction.
 */
final class BindingKeyItems {

    static final String ATTRIBUTE = "bindingKey#";
    static final String SCOPE = "scope";

    private BindingKeyItems() {
    }

    static String attribute(String agentId) {
        return ATTRIBUTE + agentId;
    }

    /** The key item of {@code key}, a per-binding activation of {@code participantId}. */
    static Map<String, AttributeValue> keyItem(TenantId tenant, UUID participantId, BindingKey key) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(Keys.key(Keys.tenant(tenant),
                Keys.webhook(key.keyPrefix())));
        item.put("integrationConfigId", Keys.s(key.slot().channel().integrationConfigId().toString()));
        item.put("provider", Keys.s(key.provider().name()));
        item.put("keyHash", Keys.s(key.keyHash()));
        item.put("secretTokenHash", Keys.s(key.clientStateHash()));
        item.put("createdAt", Keys.n(key.createdAt()));
        item.put(SCOPE, Keys.s(ActivationScope.PER_BINDING.name()));
        item.put("participantId", Keys.s(participantId.toString()));
        item.put("agentId", Keys.s(key.slot().agentId()));
        item.put("address", Keys.s(key.slot().channel().address()));
        return item;
    }

    /** The per-binding key prefixes on a claim item, by agent. */
    static Map<String, String> prefixes(Map<String, AttributeValue> claim) {
        Map<String, String> out = new HashMap<>();
        claim.forEach((name, value) -> {
            if (name.startsWith(ATTRIBUTE) && value.s() != null) {
                out.put(name.substring(ATTRIBUTE.length()), value.s());
            }
        });
        return out;
    }

    /** The channels of {@code participant} whose provider is activated per binding. */
    static List<Channel> perBindingChannels(Participant participant) {
        return participant.channels().stream()
                .filter(c -> ActivationScope.of(c.provider()).orElse(null) == ActivationScope.PER_BINDING).toList();
    }

    /** The stored key prefixes of the per-binding activations of {@code channels}, in one consistent read. */
    static Map<BindingSlot, String> read(DynamoDbClient client, String tableName, TenantId tenant,
                                         List<Channel> channels) {
        Map<BindingSlot, String> out = new HashMap<>();
        if (channels.isEmpty()) {
            return out;
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        channels.forEach(c -> keys.add(Keys.key(Keys.tenant(tenant), Keys.claim(c.integrationConfigId(),
                c.address()))));
        for (Map<String, AttributeValue> item : BatchReads.all(client, tableName, keys, true)) {
            ChannelKey channel = channelOf(item.get(ParticipantsTable.SK).s());
            prefixes(item).forEach((agent, prefix) -> out.put(new BindingSlot(agent, channel), prefix));
        }
        return out;
    }

    static ChannelKey channelOf(String claimSortKey) {
        String rest = claimSortKey.substring(Keys.CLAIM.length());
        int hash = rest.indexOf('#');
        return new ChannelKey(UUID.fromString(rest.substring(0, hash)), rest.substring(hash + 1));
    }
}
