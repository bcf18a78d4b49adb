package io.participants.domain.participant;

import java.util.UUID;

/**
 * A participant's stored avatar: its file id and where it came from: how it was set, from which channel (config and
 * address) and when, and the provider's fingerprint of the image (an unchanged fingerprint means no new upload).
 */
public record Avatar(String fileId, Source source, UUID sourceConfigId, String sourceAddress, Long syncedAt,
                     String hash) {

    /** How an avatar was set. */
    public enum Source {
        /** Pulled from a channel's provider, by {@code avatar:syncFromChannel} or (later) by auto-sync. */
        CHANNEL_SYNC,
        /** Sent by an operator with {@code PUT .../avatar}; it has no channel and no provider fingerprint. */
        UPLOADED
    }

    /**
     * Whether an automatic sync may replace this avatar: an operator's upload is never replaced by one (only by
     * another upload, a manual {@code avatar:syncFromChannel}, or a clear).
     */
    public boolean replaceableByAutomaticSync() {
        return source != Source.UPLOADED;
    }
}
