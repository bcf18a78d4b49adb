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

import io.micronaut.http.annotation.Get;
import io.participants.api.http.PathIds;

/** GET /v1/tenants/{tenantId}/integrations/configs/{integrationConfigId}. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "get-integration-config", defaultValue = "get-integration-config")
@Tag(name = "Integration configs")
@ProblemResponses
final class GetIntegrationConfigController {

    static final String NOT_FOUND_TENANT = "The tenant's integrations were not found";

    private final IntegrationConfigService service;

    GetIntegrationConfigController(IntegrationConfigService service) {
        this.service = service;
    }

    @Get(uri = "/v1/tenants/{tenantId}/integrations/configs/{integrationConfigId}", headRoute = false)
    @Operation(operationId = "getIntegrationConfig", summary = "Get an integration config")
    IntegrationConfigResponse get(@Parameter(hidden = true) Caller caller, String tenantId, String integrationConfigId) {
        TenantId tenant = caller.authorize(tenantId, Scope.INTEGRATIONS_ADMIN,
                IntegrationConfigService.notFound(integrationConfigId).getMessage());
        return IntegrationConfigResponse.from(
                service.get(tenant, PathIds.uuid("integrationConfigId", integrationConfigId)));
    }
}
