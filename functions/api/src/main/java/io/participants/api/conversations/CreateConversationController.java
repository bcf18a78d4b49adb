package io.participants.api.conversations;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.ProblemResponses;
import io.participants.api.idempotency.IdempotentCreate;
import io.participants.api.idempotency.IdempotentCreates;
import io.participants.domain.access.Caller;
import io.participants.domain.access.Scope;
import io.participants.domain.common.TenantId;
import io.participants.domain.conversation.ConversationService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
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
    private final IdempotentCreates creates;

    CreateConversationController(ConversationService service, IdempotentCreates creates) {
        this.service = service;
        this.creates = creates;
    }

    @Post("/workspaces/{workspaceId}/conversations")
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createConversation", summary = "Create a conversation")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConversationResponse.class)))
    @IdempotentCreate
    HttpResponse<?> create(@Parameter(hidden = true) Caller caller, String workspaceId,
                           @Body CreateConversationRequest body, @Parameter(hidden = true) HttpRequest<?> request,
                           @Parameter(description = IdempotentCreate.DESCRIPTION, example = IdempotentCreate.EXAMPLE)
                           @Nullable @Header(IdempotentCreate.HEADER) String idempotencyKey) {
        TenantId tenant = Workspaces.authorize(caller, workspaceId, Scope.CONVERSATIONS_WRITE);
        return creates.create(request, tenant, idempotencyKey, Conversation.class,
                () -> service.create(tenant, body.name(), body.description()),
                conversation -> HttpResponse.created(ConversationResponse.from(conversation),
                        URI.create("/workspaces/" + tenant + "/conversations/" + conversation.id())));
    }
}
