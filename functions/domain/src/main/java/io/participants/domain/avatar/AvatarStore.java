package io.participants.domain.avatar;

import io.participants.domain.common.TenantId;

import java.net.URI;
import java.time.Duration;

/** Port: where avatar images are kept, per tenant, each under a new file id. */
public interface AvatarStore {

    /**
     * Stores the image as pending and returns its new file id. A pending file that is never committed is removed
     * by the store after a while (the bucket's lifecycle rule), so an upload whose participant write never
     * happened leaves nothing behind.
     */
    String put(TenantId tenant, AvatarImage image);

    /**
     * Marks a file as referenced by a participant, so that it is kept.
     *
     * @return false when there is no such file (it expired before it was committed)
     */
    boolean commit(TenantId tenant, String fileId);

    /** Removes a file; removing a missing one is not an error. */
    void delete(TenantId tenant, String fileId);

    /** A link that lets anyone holding it read the file for {@code validity} (at most 15 minutes). */
    URI link(TenantId tenant, String fileId, Duration validity);
}
