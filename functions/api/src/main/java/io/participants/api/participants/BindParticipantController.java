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
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Put;
import io.participants.api.http.PathIds;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** PUT /v1/tenants/{tenantId}/participants/{participantId}/bindings/{agentId}, reflected in agentIds. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "bind-participant", defaultValue = "bind-participant")
@Tag(name = "Participants")
@ProblemResponses
final class BindParticipantController {

    private final ParticipantService service;
    private final ParticipantResponses responses;

    BindParticipantController(ParticipantService service, ParticipantResponses responses) {
        this.service = service;
        this.responses = responses;
    }

    @Put("/v1/tenants/{tenantId}/participants/{participantId}/bindings/{agentId}")
    @Operation(operationId = "bindParticipant", summary = "Bind the participant to an agent (idempotent)")
    @ApiResponse(responseCode = "204", description = "Done")
    @ApiResponse(responseCode = "200", description = "Done, and the binding made per-binding activations (the"
            + " participant's Microsoft Teams channels): the participant, whose channelActivations show those"
            + " activations' full webhookUrl and clientState, this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ParticipantResponse.class)))
    HttpResponse<?> bind(@Parameter(hidden = true) Caller caller, String tenantId, String participantId,
                         String agentId) {
        TenantId tenant = caller.authorize(tenantId, Scope.PARTICIPANTS_WRITE, ParticipantResponses.notFound(participantId));
        return service.bindWritten(tenant, PathIds.uuid("participantId", participantId), agentId)
                .<HttpResponse<?>>map(write -> responses.ok(tenant, write))
                .orElseGet(HttpResponse::noContent);
    }
}
