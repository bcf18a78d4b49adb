package io.participants.api.participants;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.ProblemResponses;
import io.participants.domain.access.Caller;
import io.participants.domain.access.Scope;
import io.participants.domain.common.TenantId;
import io.participants.domain.participant.ParticipantService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Get;
import io.participants.api.http.PathIds;

/** GET /v1/tenants/{tenantId}/participants/{participantId}. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "get-participant", defaultValue = "get-participant")
@Tag(name = "Participants")
@ProblemResponses
final class GetParticipantController {

    private final ParticipantService service;
    private final ParticipantResponses responses;

    GetParticipantController(ParticipantService service, ParticipantResponses responses) {
        this.responses = responses;
        this.service = service;
    }

    @Get(uri = "/v1/tenants/{tenantId}/participants/{participantId}", headRoute = false)
    @Operation(operationId = "getParticipant", summary = "Get a participant; its version is the ETag")
    HttpResponse<ParticipantResponse> get(@Parameter(hidden = true) Caller caller, String tenantId,
                                          String participantId) {
        TenantId tenant = caller.authorize(tenantId, Scope.PARTICIPANTS_READ, ParticipantResponses.notFound(participantId));
        return responses.ok(tenant, service.get(tenant, PathIds.uuid("participantId", participantId)));
    }
}
