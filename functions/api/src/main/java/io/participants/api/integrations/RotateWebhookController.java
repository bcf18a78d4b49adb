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
import io.participants.domain.activation.ActivationService;
import io.participants.domain.common.TenantId;
import io.participants.domain.integration.IntegrationConfigService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * POST /v1/tenants/{tenantId}/integrations/configs/{integrationConfigId}:rotateWebhook: replaces the config's
 * webhook key (making one if it has none) and answers the new full URL once; the old key stops working at once, with
 * no overlap. 400 for a provider activated per binding or without inbound messages.
 */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = FunctionCatalog.CONFIG_CONNECTION,
        defaultValue = FunctionCatalog.CONFIG_CONNECTION)
@Tag(name = "Integration configs")
@ProblemResponses
final class RotateWebhookController {

    private final ActivationService activations;

    RotateWebhookController(ActivationService activations) {
        this.activations = activations;
    }

    @Post("/v1/tenants/{tenantId}/integrations/configs/{integrationConfigId}:rotateWebhook")
    @Operation(operationId = "rotateIntegrationConfigWebhook",
            summary = "Rotate the config's webhook key: the old key stops working at once")
    HttpResponse<WebhookResponse> rotate(@Parameter(hidden = true) Caller caller, String tenantId,
                                         String integrationConfigId) {
        TenantId tenant = caller.authorize(tenantId, Scope.INTEGRATIONS_ADMIN,
                IntegrationConfigService.notFound(integrationConfigId).getMessage());
        return HttpResponse.ok(WebhookResponse.from(activations.rotate(tenant,
                        PathIds.uuid("integrationConfigId", integrationConfigId))))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
