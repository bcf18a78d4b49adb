package io.participants.api.conversations;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.Problem;
import io.participants.api.http.ProblemResponses;
import io.participants.domain.access.Caller;
import io.participants.domain.access.Scope;
import io.participants.domain.common.TenantId;
import io.participants.domain.conversation.ConversationService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.participants.domain.conversation.Conversation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.net.URI;

/** POST /workspaces/{workspaceId}/conversations. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "create-conversation", defaultValue = "create-conversation")
@Tag(name = "Conversations")
@ProblemResponses
final class CreateConversationController {

    private final ConversationService service;

    CreateConversationController(ConversationService service) {
        this.service = service;
    }

    @Post("/workspaces/{workspaceId}/conversations")
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createConversation", summary = "Create a conversation")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConversationResponse.class)))
    @ApiResponse(responseCode = "422", description = "The request did not pass validation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<ConversationResponse> create(@Parameter(hidden = true) Caller caller, String workspaceId,
                                              @Body CreateConversationRequest body) {
        TenantId tenant = Workspaces.authorize(caller, workspaceId, Scope.CONVERSATIONS_WRITE);
        Conversation conversation = service.create(tenant, body.name(), body.description());
        return HttpResponse.created(ConversationResponse.from(conversation),
                URI.create("/workspaces/" + tenant + "/conversations/" + conversation.id()));
    }
}
