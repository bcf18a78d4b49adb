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

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;
import io.participants.api.http.EntityTags;
import io.participants.api.http.Problem;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.net.URI;
import java.util.UUID;

/** POST /workspaces/{workspaceId}/conversations/{conversationId}/participants. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "add-conversation-participant", defaultValue = "add-conversation-participant")
@Tag(name = "Conversation participants")
@ProblemResponses
final class AddConversationParticipantController {

    private final ConversationService service;
    private final Members members;

    AddConversationParticipantController(ConversationService service, Members members) {
        this.service = service;
        this.members = members;
    }

    @Post("/workspaces/{workspaceId}/conversations/{conversationId}/participants")
    @Operation(operationId = "addConversationParticipant",
            summary = "Add a participant; 200 with the existing one when it is already there")
    @ApiResponse(responseCode = "201", description = "Added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConversationParticipantResponse.class)))
    @ApiResponse(responseCode = "200", description = "Already a participant",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConversationParticipantResponse.class)))
    @ApiResponse(responseCode = "422", description = "The request did not pass validation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<ConversationParticipantResponse> add(@Parameter(hidden = true) Caller caller, String workspaceId,
                                                      String conversationId, @Body AddParticipantRequest body) {
        TenantId tenant = Workspaces.authorize(caller, workspaceId, Scope.CONVERSATIONS_WRITE);
        UUID conversation = Workspaces.id("Conversation", conversationId);
        ConversationService.AddResult added = service.add(tenant, conversation, body.toInput());
        ConversationParticipantResponse response = members.response(added.member());
        String etag = EntityTags.of(added.member().participant().version());
        if (!added.created()) {
            return HttpResponse.ok(response).header(HttpHeaders.ETAG, etag);
        }
        return HttpResponse.created(response, URI.create("/workspaces/" + tenant + "/conversations/" + conversation
                + "/participants/" + response.id())).header(HttpHeaders.ETAG, etag);
    }
}
