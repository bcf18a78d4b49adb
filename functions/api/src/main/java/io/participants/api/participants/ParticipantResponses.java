package io.participants.api.participants;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.participants.api.http.EntityTags;
import io.participants.domain.participant.Participant;

/** The participant responses every controller sends: the body with its version as ETag. */
final class ParticipantResponses {

    static final String NOT_FOUND_TENANT = "The tenant's directory was not found";

    private ParticipantResponses() {
    }

    static MutableHttpResponse<ParticipantResponse> ok(Participant participant) {
        return HttpResponse.ok(ParticipantResponse.from(participant))
                .header(HttpHeaders.ETAG, EntityTags.of(participant.version()));
    }

    /** Worded as the service words a missing participant (ids lower-cased), so another tenant's path looks alike. */
    static String notFound(String participantId) {
        return "Participant " + participantId.toLowerCase(java.util.Locale.ROOT) + " was not found";
    }
}
