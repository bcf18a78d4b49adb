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
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.participants.api.http.PathIds;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** PUT /v1/tenants/{tenantId}/participants/{participantId}/bindings/{agentId}, reflected in agentIds. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "bind-participant", defaultValue = "bind-participant")
@Tag(name = "Participants")
@ProblemResponses
final class BindParticipantController {

    private final ParticipantService service;

    BindParticipantController(ParticipantService service) {
        this.service = service;
    }

    @Put("/v1/tenants/{tenantId}/participants/{participantId}/bindings/{agentId}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "bindParticipant", summary = "Bind the participant to an agent (idempotent)")
    @ApiResponse(responseCode = "204", description = "Done")
    void bind(@Parameter(hidden = true) Caller caller, String tenantId, String participantId, String agentId) {
        TenantId tenant = caller.authorize(tenantId, Scope.PARTICIPANTS_WRITE, ParticipantResponses.notFound(participantId));
        service.bind(tenant, PathIds.uuid("participantId", participantId), agentId);
    }
}
