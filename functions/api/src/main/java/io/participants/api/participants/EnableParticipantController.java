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
import io.micronaut.http.annotation.Post;
import io.participants.api.http.PathIds;

/** POST /v1/tenants/{tenantId}/participants/{participantId}:enable; channel-level disabled flags stay as they are. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = FunctionCatalog.PARTICIPANT_STATE, defaultValue = FunctionCatalog.PARTICIPANT_STATE)
@Tag(name = "Participants")
@ProblemResponses
final class EnableParticipantController {

    private final ParticipantService service;
    private final ParticipantResponses responses;

    EnableParticipantController(ParticipantService service, ParticipantResponses responses) {
        this.responses = responses;
        this.service = service;
    }

    @Post("/v1/tenants/{tenantId}/participants/{participantId}:enable")
    @Operation(operationId = "enableParticipant", summary = "Enable a participant: clears disabledAt")
    HttpResponse<ParticipantResponse> enable(@Parameter(hidden = true) Caller caller, String tenantId,
                                              String participantId) {
        TenantId tenant = caller.authorize(tenantId, Scope.PARTICIPANTS_WRITE, ParticipantResponses.notFound(participantId));
        return responses.ok(tenant, service.enable(tenant, PathIds.uuid("participantId", participantId)));
    }
}
