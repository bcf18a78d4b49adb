package io.participants.api.integrations;

import io.micronaut.serde.annotation.Serdeable;
import io.participants.domain.integration.IntegrationConfig;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** An integration config as the API shows it. */
@Serdeable
@Schema(name = "IntegrationConfig")
public record IntegrationConfigResponse(
        UUID id,
        @Schema(requiredMode = REQUIRED, type = "string", allowableValues = {"SLACK", "EMAIL", "SMS", "WHATSAPP"})
        String provider,
        String name,
        long createdAt) {

    static IntegrationConfigResponse from(IntegrationConfig config) {
        return new IntegrationConfigResponse(config.id(), config.provider().name(), config.name(), config.createdAt());
    }
}
