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
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.participants.api.http.Problem;
import io.participants.domain.common.PageRequest;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** GET /workspaces/{workspaceId}/participants/{identifierKey}/{identifierValue}/conversations. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "list-contact-conversations", defaultValue = "list-contact-conversations")
@Tag(name = "Conversation participants")
@ProblemResponses
final class ListContactConversationsController {

    private final ConversationService service;

    ListContactConversationsController(ConversationService service) {
        this.service = service;
    }

    @Get(uri = "/workspaces/{workspaceId}/participants/{identifierKey}/{identifierValue}/conversations{?limit,pageToken,status}",
            headRoute = false)
    @Operation(operationId = "listContactConversations",
            summary = "List the conversations a contact takes part in, optionally with one status")
    @ApiResponse(responseCode = "422", description = "The request did not pass validation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    Pages.ContactConversationPage list(@Parameter(hidden = true) Caller caller, String workspaceId,
                                       String identifierKey, String identifierValue,
                                       @Parameter(description = "1 to 100, default 10") @QueryValue @Nullable Integer limit,
                                       @QueryValue @Nullable String pageToken,
                                       @Parameter(description = "invited, pending, active or inactive")
                                       @QueryValue @Nullable String status) {
        TenantId tenant = Workspaces.authorize(caller, workspaceId, Scope.CONVERSATIONS_READ);
        var page = service.conversationsOf(tenant, identifierKey, identifierValue, status,
                PageRequest.of(limit, pageToken, 10));
        return new Pages.ContactConversationPage(
                page.results().stream().map(Pages.ContactConversation::from).toList(), page.nextPageToken());
    }
}
