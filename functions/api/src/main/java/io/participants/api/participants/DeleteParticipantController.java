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
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Status;
import io.participants.api.http.EntityTags;
import io.participants.api.http.PathIds;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** DELETE /v1/tenants/{tenantId}/participants/{participantId}. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "delete-participant", defaultValue = "delete-participant")
@Tag(name = "Participants")
@ProblemResponses
final class DeleteParticipantController {

    private final ParticipantService service;

    DeleteParticipantController(ParticipantService service) {
        this.service = service;
    }

    @Delete("/v1/tenants/{tenantId}/participants/{participantId}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteParticipant",
            summary = "Delete a participant with its channels and bindings; honours If-Match")
    @ApiResponse(responseCode = "204", description = "Deleted")
    void delete(@Parameter(hidden = true) Caller caller, String tenantId, String participantId,
                @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        TenantId tenant = caller.authorize(tenantId, Scope.PARTICIPANTS_WRITE, ParticipantResponses.notFound(participantId));
        service.delete(tenant, PathIds.uuid("participantId", participantId), EntityTags.ifMatch(ifMatch));
    }
}
