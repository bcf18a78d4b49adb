package io.participants.domain.participant;

import java.util.UUID;

/**
 * A participant's stored avatar: its file id and where it came from: how it was set, from which channel (config and
 * address) and when, the provider's fingerprint of the image (an unchanged fingerprint means no new upload), and
 * whether an automatic sync (auto-sync) rather than a caller set it.
 */
public record Avatar(String fileId, Source source, UUID sourceConfigId, String sourceAddress, Long syncedAt,
                     String hash, boolean automatic) {

    /** An avatar a caller set (a manual sync or an upload). */
    public Avatar(String fileId, Source source, UUID sourceConfigId, String sourceAddress, Long syncedAt,
                  String hash) {
        this(fileId, source, sourceConfigId, sourceAddress, syncedAt, hash, false);
    }

    /** How an avatar was set. */
    public enum Source {
        /** Pulled from a channel's provider, by {@code avatar:syncFromChannel} or by auto-sync ({@code automatic}). */
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
