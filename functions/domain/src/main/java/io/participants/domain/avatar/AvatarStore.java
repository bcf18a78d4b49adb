package io.participants.domain.avatar;

import io.participants.domain.common.TenantId;

import java.net.URI;
import java.time.Duration;

/** Port: where avatar images are kept, per tenant, each under a new file id. */
public interface AvatarStore {

    /** Stores the image and returns its new file id. */
    String put(TenantId tenant, AvatarImage image);

    /** Removes a file; removing a missing one is not an error. */
    void delete(TenantId tenant, String fileId);

    /** A link that lets anyone holding it read the file for {@code validity} (at most 15 minutes). */
    URI link(TenantId tenant, String fileId, Duration validity);
}
