package io.participants.api.participants;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.ProblemResponses;
import io.participants.api.idempotency.IdempotentCreate;
import io.participants.api.idempotency.IdempotentCreates;
import io.participants.domain.access.Caller;
import io.participants.domain.access.Scope;
import io.participants.domain.common.TenantId;
import io.participants.domain.participant.ParticipantService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.participants.domain.participant.IssuedBindingKey;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantWrite;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** POST /v1/tenants/{tenantId}/participants: creates a participant (201 with Location and ETag). */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "create-participant", defaultValue = "create-participant")
@Tag(name = "Participants")
@ProblemResponses
final class CreateParticipantController {

    private final ParticipantService service;
    private final ParticipantResponses responses;
    private final IdempotentCreates creates;

    CreateParticipantController(ParticipantService service, ParticipantResponses responses,
                                IdempotentCreates creates) {
        this.service = service;
        this.responses = responses;
        this.creates = creates;
    }

    @Post("/v1/tenants/{tenantId}/participants")
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createParticipant", summary = "Create a participant")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ParticipantResponse.class)))
    @IdempotentCreate
    HttpResponse<?> create(@Parameter(hidden = true) Caller caller, String tenantId,
                           @Body CreateParticipantRequest body, @Parameter(hidden = true) HttpRequest<?> request,
                           @Parameter(description = IdempotentCreate.DESCRIPTION, example = IdempotentCreate.EXAMPLE)
                           @Nullable @Header(IdempotentCreate.HEADER) String idempotencyKey) {
        TenantId tenant = caller.authorize(tenantId, Scope.PARTICIPANTS_WRITE, ParticipantResponses.NOT_FOUND_TENANT);
        // the keys a create issues are shown in its answer only; under an Idempotency-Key that answer is stored for
        // replays, and no key is ever stored whole, so it shows their prefixes (:rotateWebhooks shows new keys)
        java.util.List<IssuedBindingKey> issued = new java.util.ArrayList<>();
        return creates.create(request, tenant, idempotencyKey, Participant.class,
                () -> {
                    ParticipantWrite write = service.createWritten(tenant, body.toInput());
                    write.issued().forEach(k -> issued.add(idempotencyKey == null ? k
                            : new IssuedBindingKey(k.stored(), null, null)));
                    return write.participant();
                },
                participant -> responses.ok(tenant, new ParticipantWrite(participant, issued))
                        .status(HttpStatus.CREATED)
                        .header(HttpHeaders.LOCATION, "/v1/tenants/" + tenantId + "/participants/" + participant.id()));
    }
}
