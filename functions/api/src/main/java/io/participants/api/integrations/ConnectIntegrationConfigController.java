package io.participants.api.integrations;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
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
 * POST /v1/tenants/{tenantId}/integrations/configs/{integrationConfigId}:connect: connects a config of a provider
 * without OAuth (Telegram) with the bot token the operator gives, once the provider accepts it; the token is kept
 * in Secrets Manager and only its prefix is ever shown.
 */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = FunctionCatalog.CONFIG_CONNECTION,
        defaultValue = FunctionCatalog.CONFIG_CONNECTION)
@Tag(name = "Integration configs")
@ProblemResponses
final class ConnectIntegrationConfigController {

    private final ConnectionService connections;

    ConnectIntegrationConfigController(ConnectionService connections) {
        this.connections = connections;
    }

    @Post("/v1/tenants/{tenantId}/integrations/configs/{integrationConfigId}:connect")
    @Operation(operationId = "connectIntegrationConfig",
            summary = "Connect a config with its provider's bot token (Telegram), checked with the provider first")
    HttpResponse<IntegrationConfigResponse> connect(@Parameter(hidden = true) Caller caller, String tenantId,
                                                    String integrationConfigId,
                                                    @Body ConnectIntegrationConfigRequest body) {
        TenantId tenant = caller.authorize(tenantId, Scope.INTEGRATIONS_ADMIN,
                IntegrationConfigService.notFound(integrationConfigId).getMessage());
        return HttpResponse.ok(IntegrationConfigResponse.from(connections.connect(tenant,
                        PathIds.uuid("integrationConfigId", integrationConfigId), body.botToken())))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
