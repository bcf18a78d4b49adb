package io.participants.api.integrations;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.PathIds;
import io.participants.api.http.ProblemResponses;
import io.participants.domain.access.Caller;
import io.participants.domain.access.Scope;
import io.participants.domain.common.TenantId;
import io.participants.domain.connection.ConnectionService;
import io.participants.domain.integration.IntegrationConfigService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * POST /v1/tenants/{tenantId}/integrations/configs/{integrationConfigId}:disconnect: revokes the config's token at
 * the provider where possible, deletes it, and answers with the config, now not connected.
 */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = FunctionCatalog.CONFIG_CONNECTION,
        defaultValue = FunctionCatalog.CONFIG_CONNECTION)
@Tag(name = "Integration configs")
@ProblemResponses
final class DisconnectIntegrationConfigController {

    private final ConnectionService connections;

    DisconnectIntegrationConfigController(ConnectionService connections) {
        this.connections = connections;
    }

    @Post("/v1/tenants/{tenantId}/integrations/configs/{integrationConfigId}:disconnect")
    @Operation(operationId = "disconnectIntegrationConfig",
            summary = "Revoke and delete the config's OAuth token; disconnecting twice is a no-op")
    IntegrationConfigResponse disconnect(@Parameter(hidden = true) Caller caller, String tenantId,
                                         String integrationConfigId) {
        TenantId tenant = caller.authorize(tenantId, Scope.INTEGRATIONS_ADMIN,
                IntegrationConfigService.notFound(integrationConfigId).getMessage());
        return IntegrationConfigResponse.from(
                connections.disconnect(tenant, PathIds.uuid("integrationConfigId", integrationConfigId)));
    }
}
