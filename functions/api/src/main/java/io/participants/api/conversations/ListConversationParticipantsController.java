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
import io.participants.domain.common.ValidationException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** GET /workspaces/{workspaceId}/conversations/{conversationId}/participants. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "list-conversation-participants", defaultValue = "list-conversation-participants")
@Tag(name = "Conversation participants")
@ProblemResponses
final class ListConversationParticipantsController {

    private final ConversationService service;
    private final Members members;

    ListConversationParticipantsController(ConversationService service, Members members) {
        this.service = service;
        this.members = members;
    }

    @Get(uri = "/workspaces/{workspaceId}/conversations/{conversationId}/participants{?limit,pageToken,reverse}",
            headRoute = false)
    @Operation(operationId = "listConversationParticipants",
            summary = "List a conversation's participants in the order they were added, or the reverse")
    @ApiResponse(responseCode = "422", description = "The request did not pass validation",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    Pages.ParticipantPage list(@Parameter(hidden = true) Caller caller, String workspaceId, String conversationId,
                               @Parameter(description = "1 to 100, default 10") @QueryValue @Nullable Integer limit,
                               @QueryValue @Nullable String pageToken,
                               @Parameter(description = "true for the most recently added first",
                                       schema = @Schema(type = "boolean")) @QueryValue @Nullable String reverse) {
        TenantId tenant = Workspaces.authorize(caller, workspaceId, Scope.CONVERSATIONS_READ);
        var page = service.listParticipants(tenant, Workspaces.id("Conversation", conversationId),
                PageRequest.of(limit, pageToken, 10), isTrue("reverse", reverse));
        return new Pages.ParticipantPage(page.results().stream().map(members::response).toList(),
                page.nextPageToken());
    }

    /** Only {@code true} or {@code false}: the framework's conversion reads "1" or any unknown word as false. */
    private static boolean isTrue(String name, @Nullable String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ValidationException.of(name, "must be true or false");
    }
}
