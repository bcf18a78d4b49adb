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

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.participants.domain.common.PageRequest;

/** GET /v1/tenants/{tenantId}/integrations/configs. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "list-integration-configs", defaultValue = "list-integration-configs")
@Tag(name = "Integration configs")
@ProblemResponses
final class ListIntegrationConfigsController {

    static final String NOT_FOUND_TENANT = "The tenant's integrations were not found";

    private final IntegrationConfigService service;

    ListIntegrationConfigsController(IntegrationConfigService service) {
        this.service = service;
    }

    @Get(uri = "/v1/tenants/{tenantId}/integrations/configs{?limit,pageToken}", headRoute = false)
    @Operation(operationId = "listIntegrationConfigs", summary = "List integration configs, in creation order")
    IntegrationConfigPage list(@Parameter(hidden = true) Caller caller, String tenantId,
                               @Parameter(description = "1 to 100, default 20") @QueryValue @Nullable Integer limit,
                               @QueryValue @Nullable String pageToken) {
        TenantId tenant = caller.authorize(tenantId, Scope.INTEGRATIONS_ADMIN, NOT_FOUND_TENANT);
        return IntegrationConfigPage.of(service.list(tenant, PageRequest.of(limit, pageToken, 20)));
    }
}
