package io.participants.domain.avatar;

import io.participants.domain.common.ConcurrentModificationException;
import io.participants.domain.common.ConflictException;
import io.participants.domain.common.PreconditionFailedException;
import io.participants.domain.common.TenantId;
import io.participants.domain.participant.Avatar;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantService;
import io.participants.domain.participant.ParticipantStore;

import java.time.Clock;
import java.util.UUID;

/**
 * An operator's own picture for a participant: stored exactly as a synced one (see {@link AvatarReplacement}), with
 * source {@link Avatar.Source#UPLOADED}, no channel and no provider fingerprint. An automatic sync never replaces it.
 * The image's type was checked by its bytes before it gets here.
 */
public final class AvatarUploadService {

    private final ParticipantStore participants;
    private final AvatarReplacement replacement;

    public AvatarUploadService(ParticipantStore participants, AvatarStore files, Clock clock) {
        this.participants = participants;
        this.replacement = new AvatarReplacement(participants, files, clock);
    }

    /**
     * Sets {@code image} as the participant's avatar. With {@code ifMatch} only on that version (else 412); without
     * it, a participant changed between the read and the write is a 409 (the caller uploads again), as a sync is.
     */
    public Participant upload(TenantId tenant, UUID participantId, AvatarImage image, Long ifMatch) {
        Participant current = participants.find(tenant, participantId)
                .orElseThrow(() -> ParticipantService.notFound(participantId));
        if (ifMatch != null && ifMatch != current.version()) {
            throw preconditionFailed();
        }
        try {
            return replacement.replace(current, image,
                    (fileId, now) -> new Avatar(fileId, Avatar.Source.UPLOADED, null, null, now, null));
        } catch (ConcurrentModificationException e) {
            if (ifMatch != null) {
                throw preconditionFailed();
            }
            throw new ConflictException("concurrent-modification",
                    "The participant changed while its avatar was uploaded; retry");
        }
    }

    private static PreconditionFailedException preconditionFailed() {
        return new PreconditionFailedException("The participant has changed since the version given in If-Match");
    }
}
