package io.participants.api.participants;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.PathIds;
import io.participants.api.http.Problem;
import io.participants.api.http.ProblemResponses;
import io.participants.domain.access.Caller;
import io.participants.domain.access.Scope;
import io.participants.domain.avatar.AvatarSyncService;
import io.participants.domain.common.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** POST /v1/tenants/{tenantId}/participants/{participantId}/avatar:syncFromChannel, as in the public API page. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "sync-participant-avatar",
        defaultValue = "sync-participant-avatar")
@Tag(name = "Participants")
@ProblemResponses
final class SyncAvatarController {

    private final AvatarSyncService service;
    private final ParticipantResponses responses;

    SyncAvatarController(AvatarSyncService service, ParticipantResponses responses) {
        this.responses = responses;
        this.service = service;
    }

    @Post("/v1/tenants/{tenantId}/participants/{participantId}/avatar:syncFromChannel")
    @Operation(operationId = "syncParticipantAvatarFromChannel",
            summary = "Pull the participant's avatar from a messaging-provider channel and store it on the participant")
    @ApiResponse(responseCode = "502", description = "The provider failed or its image failed the download guards",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<ParticipantResponse> sync(@Parameter(hidden = true) Caller caller, String tenantId,
                                           String participantId, @Body SyncAvatarRequest body) {
        TenantId tenant = caller.authorize(tenantId, Scope.PARTICIPANTS_WRITE,
                ParticipantResponses.notFound(participantId));
        return responses.ok(tenant, service.sync(tenant, PathIds.uuid("participantId", participantId),
                body.integrationConfigId(), body.address()));
    }
}
