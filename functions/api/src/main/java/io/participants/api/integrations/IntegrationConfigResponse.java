package io.participants.api.integrations;

import io.micronaut.serde.annotation.Serdeable;
import io.participants.domain.integration.IntegrationConfig;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.UUID;

/** An integration config as the API shows it. */
@Serdeable
@Schema(name = "IntegrationConfig")
public record IntegrationConfigResponse(UUID id, String provider, String name, long createdAt) {

    static IntegrationConfigResponse from(IntegrationConfig config) {
        return new IntegrationConfigResponse(config.id(), config.provider().name(), config.name(), config.createdAt());
    }
}
