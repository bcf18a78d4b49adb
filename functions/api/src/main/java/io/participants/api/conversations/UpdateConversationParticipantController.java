package io.participants.api.conversations;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.ProblemResponses;
import io.participants.domain.access.Caller;
import io.participants.domain.access.Scope;
import io.participants.domain.common.TenantId;
import io.participants.domain.conversation.ConversationService;
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
import io.micronaut.json.tree.JsonNode;
import io.participants.api.http.EntityTags;
import io.participants.api.http.Problem;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.UUID;

/** PATCH .../participants/{conversationParticipantId}: a status change. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "update-conversation-participant", defaultValue = "update-conversation-participant")
@Tag(name = "Conversation participants")
@ProblemResponses
final class UpdateConversationParticipantController {

    private final ConversationService service;
    private final Members members;

    UpdateConversationParticipantController(ConversationService service, Members members) {
        this.service = service;
        this.members = members;
    }

    @Patch(uri = "/workspaces/{workspaceId}/conversations/{conversationId}/participants/{conversationParticipantId}",
            consumes = {MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updateConversationParticipant",
            summary = "Change a participant's status by id; honours If-Match",
            requestBody = @RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = UpdateStatusRequest.class))))
    @ApiResponse(responseCode = "422", description = "The request body did not pass validation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<ConversationParticipantResponse> update(@Parameter(hidden = true) Caller caller,
                                                         String workspaceId, String conversationId,
                                                         String conversationParticipantId,
                                                         @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
                                                         @Body @Parameter(hidden = true) JsonNode body) {
        TenantId tenant = Workspaces.authorize(caller, workspaceId, Scope.CONVERSATIONS_WRITE);
        UUID conversation = Workspaces.id("Conversation", conversationId);
        UUID participant = Workspaces.id("Participant", conversationParticipantId);
        return members.ok(service.changeStatus(tenant, conversation, participant, StatusBody.status(body),
                EntityTags.ifMatch(ifMatch)));
    }
}
