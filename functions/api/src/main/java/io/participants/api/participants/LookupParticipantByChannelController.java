package io.participants.api.participants;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.ProblemResponses;
import io.participants.domain.access.Caller;
import io.participants.domain.access.Scope;
import io.participants.domain.common.Ids;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.Violations;
import io.participants.domain.integration.IntegrationConfigService;
import io.participants.domain.participant.ChannelHolder;
import io.participants.domain.participant.ParticipantService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * GET /v1/tenants/{tenantId}/participants:lookupByChannel: the participant holding a channel, found by its
 * integration config and address (in any spelling of it), as get-participant answers it.
 */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "lookup-participant-by-channel",
        defaultValue = "lookup-participant-by-channel")
@Tag(name = "Participants")
@ProblemResponses
final class LookupParticipantByChannelController {

    /**
     * API Gateway joins a repeated parameter's values with commas, and the framework splits them again (dropping
     * empty ones): the lookup would find the holder of part of what was asked for. No email address, E.164 number
     * or Slack id has a comma, so the gateway's value is checked as it came.
     */
    private static final String REPEATED = "must be given once and must not contain a comma";

    private final ParticipantService service;
    private final ParticipantResponses responses;

    LookupParticipantByChannelController(ParticipantService service, ParticipantResponses responses) {
        this.service = service;
        this.responses = responses;
    }

    @Get(uri = "/v1/tenants/{tenantId}/participants:lookupByChannel{?integrationConfigId,address}",
            headRoute = false)
    @Operation(operationId = "lookupParticipantByChannel",
            summary = "Find the participant holding a channel; its version is the ETag, its URL the Content-Location")
    HttpResponse<ParticipantResponse> lookup(
            @Parameter(hidden = true) Caller caller, String tenantId,
            @Parameter(description = "Required: the channel's integration config",
                    schema = @Schema(type = "string", format = "uuid"))
            @QueryValue @Nullable String integrationConfigId,
            @Parameter(description = "Required: the channel's address, in any spelling its provider accepts: an email"
                    + " address in any case, a phone number with spaces, dots, dashes or parentheses, a Slack id in any"
                    + " case", schema = @Schema(type = "string", minLength = 1, maxLength = 256))
            @QueryValue @Nullable String address,
            @Parameter(hidden = true) APIGatewayV2HTTPEvent event) {
        TenantId tenant = caller.authorize(tenantId, Scope.PARTICIPANTS_READ, notFound(integrationConfigId));
        Map<String, String> given = event.getQueryStringParameters() == null ? Map.of()
                : event.getQueryStringParameters();
        Violations once = new Violations();
        for (String name : List.of("integrationConfigId", "address")) {
            once.check(given.get(name) == null || given.get(name).indexOf(',') < 0, name, REPEATED);
        }
        once.throwIfAny();
        ChannelHolder holder = service.findByChannel(tenant, integrationConfigId, address);
        return responses.ok(tenant, holder.participant(), holder.config())
                .header(HttpHeaders.CONTENT_LOCATION,
                        "/v1/tenants/" + tenant.value() + "/participants/" + holder.participant().id());
    }

    /**
     * Another tenant's path answers as the config would be missing from the caller's own tenant, in the same words;
     * a parameter that names no config gets the words of a missing directory.
     */
    private static String notFound(String integrationConfigId) {
        return Ids.parse(integrationConfigId).map(id -> IntegrationConfigService.notFound(id).getMessage())
                .orElse(ParticipantResponses.NOT_FOUND_TENANT);
    }
}
