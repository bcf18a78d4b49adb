package io.participants.domain.conversation;

/** A participant to add, as the caller sends it, before validation. */
public record NewConversationParticipant(String type, String id, String identifierKey, String identifierValue,
                                         String platformAddressSelector, boolean hasContact, String status) {
}
