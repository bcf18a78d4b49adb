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

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Get;

/** GET .../participants/{conversationParticipantId}. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "get-conversation-participant", defaultValue = "get-conversation-participant")
@Tag(name = "Conversation participants")
@ProblemResponses
final class GetConversationParticipantController {

    private final ConversationService service;
    private final Members members;

    GetConversationParticipantController(ConversationService service, Members members) {
        this.service = service;
        this.members = members;
    }

    @Get(uri = "/workspaces/{workspaceId}/conversations/{conversationId}/participants/{conversationParticipantId}",
            headRoute = false)
    @Operation(operationId = "getConversationParticipant", summary = "Get a conversation participant by id")
    HttpResponse<ConversationParticipantResponse> get(@Parameter(hidden = true) Caller caller, String workspaceId,
                                                      String conversationId, String conversationParticipantId) {
        TenantId tenant = Workspaces.authorize(caller, workspaceId, Scope.CONVERSATIONS_READ);
        return members.ok(service.getParticipant(tenant, Workspaces.id("Conversation", conversationId),
                Workspaces.id("Participant", conversationParticipantId)));
    }
}
