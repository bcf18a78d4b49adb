package io.participants.domain.conversation;

import io.participants.domain.common.Page;
import io.participants.domain.common.PageRequest;
import io.participants.domain.common.TenantId;

import java.util.Optional;
import java.util.UUID;

/** Port: where a workspace's conversations and their participants are kept. */
public interface ConversationStore {

    void create(Conversation conversation);

    Optional<Conversation> find(TenantId tenant, UUID id);

    Page<Conversation> list(TenantId tenant, PageRequest page);

    /** The outcome of adding a participant. */
    record Added(ConversationParticipant participant, boolean created) {
    }

    /**
     * Adds the participant unless the same one is already there, in which case the stored one comes back.
     *
     * @return empty when the conversation does not exist
     */
    Optional<Added> add(ConversationParticipant participant);

    Optional<ConversationParticipant> findParticipant(TenantId tenant, UUID conversationId, UUID id);

    /** A page in the order participants were added, or the reverse. */
    Page<ConversationParticipant> listParticipants(TenantId tenant, UUID conversationId, PageRequest page,
                                                   boolean reverse);

    /** What a status change did. */
    enum Outcome { CHANGED, UNCHANGED, MISSING, FORBIDDEN, STALE }

    /** The outcome and the participant as stored afterwards (null when missing). */
    record StatusChange(Outcome outcome, ConversationParticipant participant) {
    }

    /**
     * Changes the status in one conditional write that allows only the moves {@link ParticipantStatus} permits
     * (and, with {@code ifMatch}, only on that version), so concurrent changes cannot interleave.
     */
    StatusChange changeStatus(TenantId tenant, UUID conversationId, UUID id, ParticipantStatus target, Long ifMatch,
                              long now);

    /** @return false when there was no such participant */
    boolean remove(TenantId tenant, UUID conversationId, UUID id);

    /** The conversations a contact takes part in, optionally only those where it has {@code status}. */
    Page<Membership> conversationsOf(TenantId tenant, Identifier contact, ParticipantStatus status, PageRequest page);
}
