package io.participants.api.conversations;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.ProblemResponses;
import io.participants.domain.access.Caller;
import io.participants.domain.access.Scope;
import io.participants.domain.common.TenantId;
import io.participants.domain.conversation.ConversationService;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** GET /workspaces/{workspaceId}/conversations/{conversationId}. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "get-conversation", defaultValue = "get-conversation")
@Tag(name = "Conversations")
@ProblemResponses
final class GetConversationController {

    private final ConversationService service;

    GetConversationController(ConversationService service) {
        this.service = service;
    }

    @Get(uri = "/workspaces/{workspaceId}/conversations/{conversationId}", headRoute = false)
    @Operation(operationId = "getConversation", summary = "Get a conversation")
    ConversationResponse get(@Parameter(hidden = true) Caller caller, String workspaceId, String conversationId) {
        TenantId tenant = Workspaces.authorize(caller, workspaceId, Scope.CONVERSATIONS_READ);
        return ConversationResponse.from(service.get(tenant, Workspaces.id("Conversation", conversationId)));
    }
}
