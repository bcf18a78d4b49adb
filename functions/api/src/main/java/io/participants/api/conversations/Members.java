package io.participants.api.conversations;

import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.participants.api.http.EntityTags;
import io.participants.domain.avatar.AvatarStore;
import io.participants.domain.conversation.ConversationMember;
import io.participants.domain.conversation.DirectoryEntry;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Renders conversation participants: a contact linked to a directory participant with an avatar gets a short-lived
 * link to it. The avatar store is resolved only when such a link is made, so routes that never show one never
 * build an S3 client.
 */
@Singleton
final class Members {

    static final Duration AVATAR_LINK_VALIDITY = Duration.ofMinutes(15);

    private final BeanProvider<AvatarStore> avatars;

    Members(BeanProvider<AvatarStore> avatars) {
        this.avatars = avatars;
    }

    ConversationParticipantResponse response(ConversationMember member) {
        DirectoryEntry directory = member.directory();
        String avatarUrl = directory == null || directory.avatarFileId() == null ? null
                : avatars.get().link(member.participant().tenant(), directory.avatarFileId(), AVATAR_LINK_VALIDITY)
                        .toString();
        return ConversationParticipantResponse.from(member, avatarUrl);
    }

    /** The single-participant response: the body with the participant's version as ETag. */
    HttpResponse<ConversationParticipantResponse> ok(ConversationMember member) {
        return HttpResponse.ok(response(member))
                .header(HttpHeaders.ETAG, EntityTags.of(member.participant().version()));
    }
}
