package io.participants.api.participants;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.ProblemResponses;
import io.participants.domain.access.Caller;
import io.participants.domain.access.Scope;
import io.participants.domain.common.TenantId;
import io.participants.domain.participant.ParticipantService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.participants.domain.common.PageRequest;

/** GET /v1/tenants/{tenantId}/participants: one page of the directory, optionally of one agent's participants. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "list-participants", defaultValue = "list-participants")
@Tag(name = "Participants")
@ProblemResponses
final class ListParticipantsController {

    private static final int DEFAULT_LIMIT = 20;

    private final ParticipantService service;
    private final ParticipantResponses responses;

    ListParticipantsController(ParticipantService service, ParticipantResponses responses) {
        this.responses = responses;
        this.service = service;
    }

    @Get(uri = "/v1/tenants/{tenantId}/participants{?limit,pageToken,agentId}", headRoute = false)
    @Operation(operationId = "listParticipants", summary = "List participants, in creation order")
    ParticipantPage list(@Parameter(hidden = true) Caller caller, String tenantId,
                         @Parameter(description = "1 to 100, default 20") @QueryValue @Nullable Integer limit,
                         @QueryValue @Nullable String pageToken,
                         @Parameter(description = "Only participants bound to this agent") @QueryValue @Nullable String agentId) {
        TenantId tenant = caller.authorize(tenantId, Scope.PARTICIPANTS_READ, ParticipantResponses.NOT_FOUND_TENANT);
        return responses.page(tenant, service.list(tenant, PageRequest.of(limit, pageToken, DEFAULT_LIMIT), agentId));
    }
}
