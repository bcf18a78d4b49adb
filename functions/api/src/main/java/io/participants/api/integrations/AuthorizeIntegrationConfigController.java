package io.participants.api.integrations;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
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
 * POST /v1/tenants/{tenantId}/integrations/configs/{integrationConfigId}:authorize: the provider's consent URL with
 * a signed, single-use state that binds this tenant and config and expires within 10 minutes.
 */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = FunctionCatalog.CONFIG_CONNECTION,
        defaultValue = FunctionCatalog.CONFIG_CONNECTION)
@Tag(name = "Integration configs")
@ProblemResponses
final class AuthorizeIntegrationConfigController {

    private final ConnectionService connections;

    AuthorizeIntegrationConfigController(ConnectionService connections) {
        this.connections = connections;
    }

    @Post("/v1/tenants/{tenantId}/integrations/configs/{integrationConfigId}:authorize")
    @Operation(operationId = "authorizeIntegrationConfig",
            summary = "Start the operator's OAuth connection of a config (Slack)")
    HttpResponse<AuthorizationResponse> authorize(@Parameter(hidden = true) Caller caller, String tenantId,
                                                  String integrationConfigId) {
        TenantId tenant = caller.authorize(tenantId, Scope.INTEGRATIONS_ADMIN,
                IntegrationConfigService.notFound(integrationConfigId).getMessage());
        ConnectionService.Authorization authorization =
                connections.authorize(tenant, PathIds.uuid("integrationConfigId", integrationConfigId));
        return HttpResponse.ok(new AuthorizationResponse(authorization.url(), authorization.expiresAt()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
