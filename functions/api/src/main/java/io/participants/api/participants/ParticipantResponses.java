package io.participants.api.participants;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.participants.api.http.EntityTags;
import io.participants.domain.common.Page;
import io.participants.domain.common.TenantId;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantService;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The participant responses every controller sends: the body, with the health of its channels (their configs'
 * connection state read in one batch), and its version as ETag.
 */
@Singleton
final class ParticipantResponses {

    static final String NOT_FOUND_TENANT = "The tenant's directory was not found";

    private final ParticipantService service;

    ParticipantResponses(ParticipantService service) {
        this.service = service;
    }

    MutableHttpResponse<ParticipantResponse> ok(TenantId tenant, Participant participant) {
        return HttpResponse.ok(ParticipantResponse.from(participant,
                        service.health(tenant, List.of(participant)).get(participant.id())))
                .header(HttpHeaders.ETAG, EntityTags.of(participant.version()));
    }

    /** As {@link #ok(TenantId, Participant)}, without reading again a config the request has read already. */
    MutableHttpResponse<ParticipantResponse> ok(TenantId tenant, Participant participant, IntegrationConfig read) {
        return HttpResponse.ok(ParticipantResponse.from(participant,
                        service.health(tenant, List.of(participant), List.of(read)).get(participant.id())))
                .header(HttpHeaders.ETAG, EntityTags.of(participant.version()));
    }

    ParticipantPage page(TenantId tenant, Page<Participant> page) {
        return ParticipantPage.of(page, service.health(tenant, page.results()));
    }

    /** Worded as the service words a missing participant (ids lower-cased), so another tenant's path looks alike. */
    static String notFound(String participantId) {
        return "Participant " + participantId.toLowerCase(java.util.Locale.ROOT) + " was not found";
    }
}
