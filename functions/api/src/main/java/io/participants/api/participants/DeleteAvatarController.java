package io.participants.api.participants;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Header;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.EntityTags;
import io.participants.api.http.PathIds;
import io.participants.api.http.ProblemResponses;
import io.participants.domain.access.Caller;
import io.participants.domain.access.Scope;
import io.participants.domain.common.TenantId;
import io.participants.domain.participant.ParticipantChanges;
import io.participants.domain.participant.ParticipantService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * DELETE /v1/tenants/{tenantId}/participants/{participantId}/avatar: clears the avatar, whatever set it, exactly as
 * a PATCH of {@code avatarFileId: ""} does (its file is removed after the write); conditional with If-Match.
 */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "delete-participant-avatar",
        defaultValue = "delete-participant-avatar")
@Tag(name = "Participants")
@ProblemResponses
final class DeleteAvatarController {

    private static final ParticipantChanges CLEAR = new ParticipantChanges(null, null, null, null, null, null, "");

    private final ParticipantService service;
    private final ParticipantResponses responses;

    DeleteAvatarController(ParticipantService service, ParticipantResponses responses) {
        this.service = service;
        this.responses = responses;
    }

    @Delete(uri = "/v1/tenants/{tenantId}/participants/{participantId}/avatar")
    @Operation(operationId = "deleteParticipantAvatar",
            summary = "Clear the participant's avatar (200 with the participant, also when it had none); honours"
                    + " If-Match")
    HttpResponse<ParticipantResponse> delete(@Parameter(hidden = true) Caller caller, String tenantId,
                                             String participantId,
                                             @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        TenantId tenant = caller.authorize(tenantId, Scope.PARTICIPANTS_WRITE,
                ParticipantResponses.notFound(participantId));
        return responses.ok(tenant, service.update(tenant, PathIds.uuid("participantId", participantId), CLEAR,
                EntityTags.ifMatch(ifMatch)));
    }
}
