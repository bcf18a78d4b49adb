package io.participants.domain.participant;

import java.util.UUID;

/**
 * A participant's stored avatar: its file id and, when it was synced from a channel, where from, when, and the
 * provider's fingerprint of the image (an unchanged fingerprint means no new upload).
 */
public record Avatar(String fileId, String source, UUID sourceConfigId, String sourceAddress, Long syncedAt,
                     String hash) {
}
