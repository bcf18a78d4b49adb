package io.participants.domain.avatar;

import io.participants.domain.common.ConcurrentModificationException;
import io.participants.domain.common.TenantId;
import io.participants.domain.participant.Avatar;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantStore;

import java.time.Clock;
import java.util.function.BiFunction;

/**
 * The one way an avatar image replaces a participant's avatar, whether it was synced from a channel or uploaded:
 * the image is stored pending (the store expires it unless committed), committed, and only then pointed to by a
 * write conditional on the participant's version; a failed commit or write removes the new file again, and a
 * successful write removes the replaced file. So every single failure leaves the participant as it was and nothing
 * in the store for long; only a participant write and its cleanup failing together leave a committed file that
 * nothing points to: storage, never a participant pointing to a missing file.
 */
public final class AvatarReplacement {

    private final ParticipantStore participants;
    private final AvatarStore files;
    private final Clock clock;

    public AvatarReplacement(ParticipantStore participants, AvatarStore files, Clock clock) {
        this.participants = participants;
        this.files = files;
        this.clock = clock;
    }

    /**
     * Stores {@code image} and points {@code current} to it, with the avatar {@code avatarOf} builds from the new
     * file id and the time of the write.
     *
     * @return the participant as written
     * @throws ConcurrentModificationException when {@code current} is no longer the stored version (the new file is
     *                                         removed again; the caller decides between 409 and 412)
     */
    public Participant replace(Participant current, AvatarImage image, BiFunction<String, Long, Avatar> avatarOf) {
        TenantId tenant = current.tenant();
        String fileId = files.put(tenant, image); // pending: the store expires it unless it is committed
        long now = clock.millis();
        Participant updated = current.withAvatar(avatarOf.apply(fileId, now), now);
        try {
            if (!files.commit(tenant, fileId)) {
                throw new IllegalStateException("the avatar store lost a file it had just stored");
            }
            participants.update(current, updated);
        } catch (RuntimeException e) {
            discard(tenant, fileId);
            throw e;
        }
        Avatar replaced = current.avatar();
        if (replaced != null && replaced.fileId() != null) {
            discard(tenant, replaced.fileId());
        }
        return updated;
    }

    /**
     * Removes a file no participant points to. A failure does not change the answer: a pending upload still expires
     * by the store's rule; a committed one (a replaced image, or an upload whose participant write failed) stays
     * until removed by hand (see docs/avatars.md).
     */
    void discard(TenantId tenant, String fileId) {
        try {
            files.delete(tenant, fileId);
        } catch (RuntimeException ignored) {
            // the participant is consistent either way
        }
    }
}
