package io.participants.api.participants;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.PathIds;
import io.participants.api.http.ProblemResponses;
import io.participants.domain.access.Caller;
import io.participants.domain.access.Scope;
import io.participants.domain.activation.ActivationService;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.ValidationException;
import io.participants.domain.participant.ParticipantService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/**
 * POST /v1/tenants/{tenantId}/participants/{participantId}:rotateWebhooks[?agentId=]: new keys and
 * {@code clientState}s for the participant's per-binding activations (or one binding's), shown in this answer only;
 * the old keys stop working at once.
 */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = FunctionCatalog.PARTICIPANT_STATE,
        defaultValue = FunctionCatalog.PARTICIPANT_STATE)
@Tag(name = "Activations")
@ProblemResponses
final class RotateParticipantWebhooksController {

    private final ActivationService activations;

    RotateParticipantWebhooksController(ActivationService activations) {
        this.activations = activations;
    }

    /** The rotated activations, each with its new full URL and clientState. */
    @Serdeable
    @Schema(name = "RotatedActivations")
    record RotatedActivations(List<ParticipantResponse.ChannelActivationResponse> channelActivations) {
    }

    @Post("/v1/tenants/{tenantId}/participants/{participantId}:rotateWebhooks{?agentId}")
    @Operation(operationId = "rotateParticipantWebhooks",
            summary = "Rotate the keys of a participant's per-binding activations (all, or one agent's)")
    @ApiResponse(responseCode = "200", description = "The rotated activations, each with its new webhookUrl and"
            + " clientState, shown this once; the old keys stop working at once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RotatedActivations.class)))
    HttpResponse<RotatedActivations> rotate(@Parameter(hidden = true) Caller caller, String tenantId,
                                            String participantId,
                                            @QueryValue @Nullable
                                            @Parameter(description = "Only this agent's binding") String agentId) {
        TenantId tenant = caller.authorize(tenantId, Scope.PARTICIPANTS_WRITE,
                ParticipantResponses.notFound(participantId));
        if (agentId != null && !ParticipantService.isAgentId(agentId)) {
            throw ValidationException.of("agentId", "is not a valid agent id");
        }
        return HttpResponse.ok(new RotatedActivations(activations.rotateBindings(tenant,
                        PathIds.uuid("participantId", participantId), agentId).stream()
                        .map(ParticipantResponse.ChannelActivationResponse::of).toList()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
