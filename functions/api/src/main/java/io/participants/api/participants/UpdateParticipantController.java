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
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.participants.api.http.EntityTags;
import io.participants.api.http.PathIds;

/** PATCH /v1/tenants/{tenantId}/participants/{participantId}: a merge patch, conditional with If-Match. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "update-participant", defaultValue = "update-participant")
@Tag(name = "Participants")
@ProblemResponses
final class UpdateParticipantController {

    private final ParticipantService service;
    private final ParticipantResponses responses;

    UpdateParticipantController(ParticipantService service, ParticipantResponses responses) {
        this.responses = responses;
        this.service = service;
    }

    @Patch(uri = "/v1/tenants/{tenantId}/participants/{participantId}",
            consumes = {MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updateParticipant", summary = "Merge-patch a participant; honours If-Match")
    HttpResponse<ParticipantResponse> update(@Parameter(hidden = true) Caller caller, String tenantId,
                                             String participantId,
                                             @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
                                             @Body UpdateParticipantRequest body) {
        TenantId tenant = caller.authorize(tenantId, Scope.PARTICIPANTS_WRITE, ParticipantResponses.notFound(participantId));
        return responses.ok(tenant, service.updateWritten(tenant, PathIds.uuid("participantId", participantId),
                body.toChanges(), EntityTags.ifMatch(ifMatch)));
    }
}
