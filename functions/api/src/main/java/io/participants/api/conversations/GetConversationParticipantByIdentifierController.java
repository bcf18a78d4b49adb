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

/** GET .../participants/{identifierKey}/{identifierValue}. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "get-conversation-participant-by-identifier", defaultValue = "get-conversation-participant-by-identifier")
@Tag(name = "Conversation participants")
@ProblemResponses
final class GetConversationParticipantByIdentifierController {

    private final ConversationService service;
    private final Members members;

    GetConversationParticipantByIdentifierController(ConversationService service, Members members) {
        this.service = service;
        this.members = members;
    }

    @Get(uri = "/workspaces/{workspaceId}/conversations/{conversationId}/participants/{identifierKey}/{identifierValue}",
            headRoute = false)
    @Operation(operationId = "getConversationParticipantByIdentifier",
            summary = "Get a conversation participant by identifier key and value")
    HttpResponse<ConversationParticipantResponse> get(@Parameter(hidden = true) Caller caller, String workspaceId,
                                                      String conversationId, String identifierKey,
                                                      String identifierValue) {
        TenantId tenant = Workspaces.authorize(caller, workspaceId, Scope.CONVERSATIONS_READ);
        return members.ok(service.getParticipant(tenant, Workspaces.id("Conversation", conversationId),
                identifierKey, identifierValue));
    }
}
