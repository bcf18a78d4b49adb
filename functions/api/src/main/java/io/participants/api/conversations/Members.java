package io.participants.api.conversations;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.participants.api.http.EntityTags;
import io.participants.domain.conversation.ConversationMember;

/** The single-participant response: the body with the participant's version as ETag. */
final class Members {

    private Members() {
    }

    static HttpResponse<ConversationParticipantResponse> ok(ConversationMember member) {
        return HttpResponse.ok(ConversationParticipantResponse.from(member))
                .header(HttpHeaders.ETAG, EntityTags.of(member.participant().version()));
    }
}
