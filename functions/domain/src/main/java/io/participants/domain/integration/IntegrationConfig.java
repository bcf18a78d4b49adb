package io.participants.domain.integration;

import io.participants.domain.common.TenantId;

import java.util.UUID;

/** A tenant's connection to one provider workspace; channels point to it by id. */
public record IntegrationConfig(TenantId tenant, UUID id, Provider provider, String name, long createdAt) {
}
