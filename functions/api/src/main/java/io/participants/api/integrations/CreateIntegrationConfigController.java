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

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.participants.domain.integration.IntegrationConfig;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.net.URI;

/** POST /v1/tenants/{tenantId}/integrations/configs. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "create-integration-config", defaultValue = "create-integration-config")
@Tag(name = "Integration configs")
@ProblemResponses
final class CreateIntegrationConfigController {

    static final String NOT_FOUND_TENANT = "The tenant's integrations were not found";

    private final IntegrationConfigService service;

    CreateIntegrationConfigController(IntegrationConfigService service) {
        this.service = service;
    }

    @Post("/v1/tenants/{tenantId}/integrations/configs")
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createIntegrationConfig", summary = "Create an integration config")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IntegrationConfigResponse.class)))
    HttpResponse<IntegrationConfigResponse> create(@Parameter(hidden = true) Caller caller, String tenantId,
                                                   @Body CreateIntegrationConfigRequest body) {
        TenantId tenant = caller.authorize(tenantId, Scope.INTEGRATIONS_ADMIN, NOT_FOUND_TENANT);
        IntegrationConfig config = service.create(tenant, body.provider(), body.name());
        return HttpResponse.created(IntegrationConfigResponse.from(config),
                URI.create("/v1/tenants/" + tenantId + "/integrations/configs/" + config.id()));
    }
}
