package io.participants.domain.participant;

import java.util.UUID;

/** An (integration config, address) pair: unique across a tenant's participants. */
public record ChannelKey(UUID integrationConfigId, String address) {
}
