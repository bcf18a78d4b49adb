package io.participants.api.participants;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.PathIds;
import io.participants.api.http.ProblemResponses;
import io.participants.domain.access.Caller;
import io.participants.domain.access.Scope;
import io.participants.domain.avatar.AvatarStore;
import io.participants.domain.common.NotFoundException;
import io.participants.domain.common.TenantId;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.time.Duration;

/** GET /v1/tenants/{tenantId}/participants/{participantId}/avatar: a presigned link valid for 15 minutes at most. */
@Controller
@Requires(property = FunctionCatalog.FUNCTION_PROPERTY, value = "get-participant-avatar",
        defaultValue = "get-participant-avatar")
@Tag(name = "Participants")
@ProblemResponses
final class GetAvatarController {

    static final Duration VALIDITY = Duration.ofMinutes(15);

    private final ParticipantService participants;
    private final AvatarStore avatars;
    private final Clock clock;

    GetAvatarController(ParticipantService participants, AvatarStore avatars, Clock clock) {
        this.participants = participants;
        this.avatars = avatars;
        this.clock = clock;
    }

    @Get(uri = "/v1/tenants/{tenantId}/participants/{participantId}/avatar", headRoute = false)
    @Operation(operationId = "getParticipantAvatar", summary = "A short-lived link to the participant's avatar")
    AvatarLink get(@Parameter(hidden = true) Caller caller, String tenantId, String participantId) {
        TenantId tenant = caller.authorize(tenantId, Scope.PARTICIPANTS_READ,
                ParticipantResponses.notFound(participantId));
        Participant participant = participants.get(tenant, PathIds.uuid("participantId", participantId));
        if (participant.avatarFileId() == null) {
            throw new NotFoundException("Participant " + participant.id() + " has no avatar");
        }
        long expiresAt = clock.millis() + VALIDITY.toMillis();
        return new AvatarLink(avatars.link(tenant, participant.avatarFileId(), VALIDITY).toString(), expiresAt);
    }
}
