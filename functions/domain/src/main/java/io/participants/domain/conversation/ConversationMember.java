package io.participants.domain.conversation;

/** A conversation participant with what the directory says of it (null when no directory participant matches). */
public record ConversationMember(ConversationParticipant participant, DirectoryEntry directory) {
}
