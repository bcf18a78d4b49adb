package io.participants.domain.conversation;

/** A conversation a contact takes part in, with the contact's status there. */
public record Membership(Conversation conversation, ParticipantStatus status) {
}
