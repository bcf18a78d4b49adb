package io.participants.domain.conversation;

import java.util.UUID;

/** The directory participant a contact's identifier belongs to: what a conversation shows of it. */
public record DirectoryEntry(UUID participantId, String displayName, String avatarFileId) {
}
