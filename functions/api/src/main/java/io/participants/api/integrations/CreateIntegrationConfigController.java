package io.participants.api.integrations;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.ProblemResponses;
import io.participants.api.idempotency.IdempotentCreate;
import io.participants.api.idempotency.IdempotentCreates;
import io.participants.domain.access.Caller;
import io.participants.domain.access.Scope;
import io.participants.domain.common.TenantId;
import io.participants.domain.integration.IntegrationConfigService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
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
    private final IdempotentCreates creates;

    CreateIntegrationConfigController(IntegrationConfigService service, IdempotentCreates creates) {
        this.service = service;
        this.creates = creates;
    }

    @Post("/v1/tenants/{tenantId}/integrations/configs")
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createIntegrationConfig", summary = "Create an integration config")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IntegrationConfigResponse.class)))
    @IdempotentCreate
    HttpResponse<?> create(@Parameter(hidden = true) Caller caller, String tenantId,
                           @Body CreateIntegrationConfigRequest body, @Parameter(hidden = true) HttpRequest<?> request,
                           @Parameter(description = IdempotentCreate.DESCRIPTION, example = IdempotentCreate.EXAMPLE)
                           @Nullable @Header(IdempotentCreate.HEADER) String idempotencyKey) {
        TenantId tenant = caller.authorize(tenantId, Scope.INTEGRATIONS_ADMIN, NOT_FOUND_TENANT);
        return creates.create(request, tenant, idempotencyKey, IntegrationConfig.class,
                () -> service.create(tenant, body.provider(), body.name(), body.gravatar(),
                        body.avatarSyncInterval(), body.messageTextInEvents()),
                config -> HttpResponse.created(IntegrationConfigResponse.from(config),
                        URI.create("/v1/tenants/" + tenantId + "/integrations/configs/" + config.id())));
    }
}
