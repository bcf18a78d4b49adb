package io.participants.domain.participant;

import java.util.UUID;

/**
 * A participant's stored avatar: its file id and where it came from: how it was set, from which channel (config and
 * address) and when, and the provider's fingerprint of the image (an unchanged fingerprint means no new upload).
 */
public record Avatar(String fileId, Source source, UUID sourceConfigId, String sourceAddress, Long syncedAt,
                     String hash) {

    /** How an avatar was set. Syncing from a channel is the only way today; an upload would be another. */
    public enum Source {
        CHANNEL_SYNC
    }
}
