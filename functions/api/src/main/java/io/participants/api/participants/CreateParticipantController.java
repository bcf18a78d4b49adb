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
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.participants.domain.participant.Participant;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** POST /v1/tenants/{tenantId}/participants: creates a participant (201 with Location and ETag). */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "create-participant", defaultValue = "create-participant")
@Tag(name = "Participants")
@ProblemResponses
final class CreateParticipantController {

    private final ParticipantService service;
    private final ParticipantResponses responses;

    CreateParticipantController(ParticipantService service, ParticipantResponses responses) {
        this.service = service;
        this.responses = responses;
    }

    @Post("/v1/tenants/{tenantId}/participants")
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createParticipant", summary = "Create a participant")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ParticipantResponse.class)))
    HttpResponse<ParticipantResponse> create(@Parameter(hidden = true) Caller caller, String tenantId,
                                             @Body CreateParticipantRequest body) {
        TenantId tenant = caller.authorize(tenantId, Scope.PARTICIPANTS_WRITE, ParticipantResponses.NOT_FOUND_TENANT);
        Participant participant = service.create(tenant, body.toInput());
        return responses.ok(tenant, participant).status(HttpStatus.CREATED)
                .header(HttpHeaders.LOCATION, "/v1/tenants/" + tenantId + "/participants/" + participant.id());
    }
}
