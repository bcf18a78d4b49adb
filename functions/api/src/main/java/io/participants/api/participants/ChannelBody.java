package io.participants.api.participants;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.participants.domain.participant.ChannelInput;
import io.swagger.v3.oas.annotations.media.Schema;

/** A channel in a create or update body. */
@Serdeable
@Schema(name = "ChannelInput")
public record ChannelBody(
        @Schema(format = "uuid", requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String integrationConfigId,
        @Schema(minLength = 1, requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String address,
        @Nullable Integer priority,
        @Nullable String label,
        @Nullable Boolean disabled) {

    ChannelInput toInput() {
        return new ChannelInput(integrationConfigId, address, priority, label, disabled);
    }
}
