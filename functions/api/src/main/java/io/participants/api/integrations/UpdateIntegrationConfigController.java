package io.participants.api.integrations;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Patch;
import io.micronaut.json.tree.JsonNode;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.PathIds;
import io.participants.api.http.ProblemResponses;
import io.participants.domain.access.Caller;
import io.participants.domain.access.Scope;
import io.participants.domain.common.TenantId;
import io.participants.domain.integration.IntegrationConfigService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * PATCH /v1/tenants/{tenantId}/integrations/configs/{integrationConfigId}: a merge patch of a config's settings,
 * Gravatar for an EMAIL config (issue 22), the auto-sync interval (issue 25) and whether inbound messages' text
 * goes into change events (issue 23); a change is an {@code integration_config.updated} event.
 */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "update-integration-config",
        defaultValue = "update-integration-config")
@Tag(name = "Integration configs")
@ProblemResponses
final class UpdateIntegrationConfigController {

    private final IntegrationConfigService service;

    UpdateIntegrationConfigController(IntegrationConfigService service) {
        this.service = service;
    }

    @Patch(uri = "/v1/tenants/{tenantId}/integrations/configs/{integrationConfigId}",
            consumes = {MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updateIntegrationConfig",
            summary = "Merge-patch an integration config's settings: Gravatar (EMAIL configs), the auto-sync interval,"
                    + " message text in change events",
            requestBody = @RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = UpdateIntegrationConfigRequest.class))))
    IntegrationConfigResponse update(@Parameter(hidden = true) Caller caller, String tenantId,
                                     String integrationConfigId, @Body @Parameter(hidden = true) JsonNode body) {
        TenantId tenant = caller.authorize(tenantId, Scope.INTEGRATIONS_ADMIN,
                IntegrationConfigService.notFound(integrationConfigId).getMessage());
        return IntegrationConfigResponse.from(service.update(tenant,
                PathIds.uuid("integrationConfigId", integrationConfigId), ConfigPatch.changes(body)));
    }
}
