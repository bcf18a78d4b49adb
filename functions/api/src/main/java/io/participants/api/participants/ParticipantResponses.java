package io.participants.api.participants;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.participants.api.http.EntityTags;
import io.participants.domain.activation.ActivationService;
import io.participants.domain.activation.ActivationStore;
import io.participants.domain.common.Page;
import io.participants.domain.common.TenantId;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantHealth;
import io.participants.domain.participant.IssuedBindingKey;
import io.participants.domain.participant.ParticipantService;
import io.participants.domain.participant.ParticipantWrite;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The participant responses every controller sends: the body, with the health of its channels (their configs'
 * connection state) and its channel activations (the configs' webhooks and the channels' last messages), all
 * read in one batch, and its version as ETag.
 */
@Singleton
final class ParticipantResponses {

    static final String NOT_FOUND_TENANT = "The tenant's directory was not found";

    private final ParticipantService service;
    private final ActivationService activations;

    ParticipantResponses(ParticipantService service, ActivationService activations) {
        this.service = service;
        this.activations = activations;
    }

    MutableHttpResponse<ParticipantResponse> ok(TenantId tenant, Participant participant) {
        return ok(tenant, participant, List.of());
    }

    /**
     * The participant a write left, with the full URL and {@code clientState} of the per-binding activations it
     * issued: shown in this answer only, which therefore is {@code Cache-Control: no-store}.
     */
    MutableHttpResponse<ParticipantResponse> ok(TenantId tenant, ParticipantWrite write) {
        MutableHttpResponse<ParticipantResponse> response = ok(tenant, write.participant(), List.of(),
                write.issued());
        return write.issued().stream().allMatch(k -> k.webhookKey() == null) ? response
                : response.header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** As {@link #ok(TenantId, Participant)}, without reading again a config the request has read already. */
    MutableHttpResponse<ParticipantResponse> ok(TenantId tenant, Participant participant, IntegrationConfig read) {
        return ok(tenant, participant, List.of(read));
    }

    /** One read (configs, webhooks, claims) beside what the request read already; health reads nothing more. */
    private MutableHttpResponse<ParticipantResponse> ok(TenantId tenant, Participant participant,
                                                        List<IntegrationConfig> read) {
        return ok(tenant, participant, read, List.of());
    }

    private MutableHttpResponse<ParticipantResponse> ok(TenantId tenant, Participant participant,
                                                        List<IntegrationConfig> read, List<IssuedBindingKey> issued) {
        ActivationStore.ActivationState state = activations.state(tenant, List.of(participant), read);
        Map<UUID, ParticipantHealth> health = service.health(tenant, List.of(participant), known(read, state));
        return HttpResponse.ok(ParticipantResponse.from(participant,
                        activations.health(participant, health.get(participant.id()), state),
                        activations.activations(participant, state, issued)))
                .header(HttpHeaders.ETAG, EntityTags.of(participant.version()));
    }

    /**
     * A page with its participants' health and activations: the configs (connections and webhooks) and the
     * channels' last messages in one read.
     */
    ParticipantPage page(TenantId tenant, Page<Participant> page) {
        ActivationStore.ActivationState state = activations.state(tenant, page.results());
        Map<UUID, ParticipantHealth> health = service.health(tenant, page.results(), known(List.of(), state));
        return new ParticipantPage(page.results().stream().map(p -> ParticipantResponse.from(p,
                activations.health(p, health.get(p.id()), state), activations.activations(p, state))).toList(),
                page.nextPageToken());
    }

    private static List<IntegrationConfig> known(List<IntegrationConfig> read, ActivationStore.ActivationState state) {
        List<IntegrationConfig> all = new java.util.ArrayList<>(read);
        all.addAll(state.configs().values());
        return all;
    }

    /** Worded as the service words a missing participant (ids lower-cased), so another tenant's path looks alike. */
    static String notFound(String participantId) {
        return "Participant " + participantId.toLowerCase(java.util.Locale.ROOT) + " was not found";
    }
}
