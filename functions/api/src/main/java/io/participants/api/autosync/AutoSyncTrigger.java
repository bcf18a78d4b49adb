package io.participants.api.autosync;

import io.participants.api.changes.ChangeEvent;
import io.participants.domain.common.TenantId;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which change events make an automatic sync soon after, never inside the request that made them: a participant
 * created with auto-sync on, or updated so that auto-sync or its channels changed while it is on. Deployed, two
 * EventBridge rules on the change-events bus match the same (AvatarRefresh in infra, {@link #CREATED},
 * {@link #UPDATED}, {@link #CHANGED_FIELDS}) and put the request on the queue; local mode asks this class.
 */
public final class AutoSyncTrigger {

    public static final String CREATED = ChangeEvent.TYPE_PREFIX + "participant.created";
    public static final String UPDATED = ChangeEvent.TYPE_PREFIX + "participant.updated";
    /** An update that changed one of these (with auto-sync on) may change the channel it follows. */
    public static final Set<String> CHANGED_FIELDS = Set.of("avatarAutoSync", "channels");

    private AutoSyncTrigger() {
    }

    /** The sync {@code event} asks for, if any. */
    public static Optional<SyncRequest> requestOf(ChangeEvent event) {
        boolean created = CREATED.equals(event.type());
        boolean updated = UPDATED.equals(event.type());
        if (!created && !updated || !enabled(event.data())) {
            return Optional.empty();
        }
        if (updated && !(event.data().get("changedFields") instanceof Collection<?> changed
                && changed.stream().anyMatch(CHANGED_FIELDS::contains))) {
            return Optional.empty();
        }
        return Optional.of(new SyncRequest(new TenantId(event.tenant()),
                UUID.fromString(String.valueOf(event.data().get("id"))), SyncRequest.CHANGE));
    }

    private static boolean enabled(Map<String, Object> data) {
        return data.get("avatarAutoSync") instanceof Map<?, ?> setting && Boolean.TRUE.equals(setting.get("enabled"));
    }
}
