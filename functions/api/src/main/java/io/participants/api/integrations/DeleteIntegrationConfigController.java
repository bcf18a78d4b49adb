package io.participants.api.integrations;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.ProblemResponses;
import io.participants.domain.access.Caller;
import io.participants.domain.access.Scope;
import io.participants.domain.common.TenantId;
import io.participants.domain.integration.IntegrationConfigService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Status;
import io.participants.api.http.PathIds;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** DELETE /v1/tenants/{tenantId}/integrations/configs/{integrationConfigId}. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "delete-integration-config", defaultValue = "delete-integration-config")
@Tag(name = "Integration configs")
@ProblemResponses
final class DeleteIntegrationConfigController {

    static final String NOT_FOUND_TENANT = "The tenant's integrations were not found";

    private final IntegrationConfigService service;

    DeleteIntegrationConfigController(IntegrationConfigService service) {
        this.service = service;
    }

    @Delete("/v1/tenants/{tenantId}/integrations/configs/{integrationConfigId}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteIntegrationConfig",
            summary = "Delete an integration config; 409 while a channel points to it")
    @ApiResponse(responseCode = "204", description = "Deleted")
    void delete(@Parameter(hidden = true) Caller caller, String tenantId, String integrationConfigId) {
        TenantId tenant = caller.authorize(tenantId, Scope.INTEGRATIONS_ADMIN,
                IntegrationConfigService.notFound(integrationConfigId).getMessage());
        service.delete(tenant, PathIds.uuid("integrationConfigId", integrationConfigId));
    }
}
