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

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** DELETE .../participants/{conversationParticipantId}. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "remove-conversation-participant", defaultValue = "remove-conversation-participant")
@Tag(name = "Conversation participants")
@ProblemResponses
final class RemoveConversationParticipantController {

    private final ConversationService service;

    RemoveConversationParticipantController(ConversationService service) {
        this.service = service;
    }

    @Delete("/workspaces/{workspaceId}/conversations/{conversationId}/participants/{conversationParticipantId}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "removeConversationParticipant", summary = "Remove a participant from a conversation")
    @ApiResponse(responseCode = "204", description = "Removed")
    void remove(@Parameter(hidden = true) Caller caller, String workspaceId, String conversationId,
                String conversationParticipantId) {
        TenantId tenant = Workspaces.authorize(caller, workspaceId, Scope.CONVERSATIONS_WRITE);
        service.remove(tenant, Workspaces.id("Conversation", conversationId),
                Workspaces.id("Participant", conversationParticipantId));
    }
}
