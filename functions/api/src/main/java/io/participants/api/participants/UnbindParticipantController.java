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
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Status;
import io.participants.api.http.PathIds;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** DELETE /v1/tenants/{tenantId}/participants/{participantId}/bindings/{agentId}, reflected in agentIds. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "unbind-participant", defaultValue = "unbind-participant")
@Tag(name = "Participants")
@ProblemResponses
final class UnbindParticipantController {

    private final ParticipantService service;

    UnbindParticipantController(ParticipantService service) {
        this.service = service;
    }

    @Delete("/v1/tenants/{tenantId}/participants/{participantId}/bindings/{agentId}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "unbindParticipant", summary = "Unbind the participant from an agent (idempotent)")
    @ApiResponse(responseCode = "204", description = "Done")
    void unbind(@Parameter(hidden = true) Caller caller, String tenantId, String participantId, String agentId) {
        TenantId tenant = caller.authorize(tenantId, Scope.PARTICIPANTS_WRITE, ParticipantResponses.notFound(participantId));
        service.unbind(tenant, PathIds.uuid("participantId", participantId), agentId);
    }
}
