package io.participants.domain.participant;

import io.participants.domain.common.Page;
import io.participants.domain.common.PageRequest;
import io.participants.domain.common.TenantId;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Port: where a tenant's participants are kept. Writes are conditional on the stored version, so two writers can
 * never both win; the loser gets {@link io.participants.domain.common.ConcurrentModificationException}.
 * Channel uniqueness is the store's job too: a claimed (config, address) pair raises a
 * {@link io.participants.domain.common.ConflictException} with reason {@code channel-claimed}.
 */
public interface ParticipantStore {

    /** Stores a new participant (version 1), claiming its channels and bindings atomically. */
    void create(Participant participant);

    /**
     * As {@link #create(Participant)}, storing in the same write the keys of its per-binding activations (a store
     * without per-binding activations ignores them).
     */
    default void create(Participant participant, List<BindingKey> issued) {
        create(participant);
    }

    Optional<Participant> find(TenantId tenant, UUID id);

    /**
     * Reads, in one consistent request, the integration config {@code integrationConfigId} and the claims of
     * {@code addresses} (spellings of one address) on it, so that a lookup by channel needs no second read to learn
     * the config's provider.
     */
    ChannelClaims findClaims(TenantId tenant, UUID integrationConfigId, Set<String> addresses);

    /** A page in id order, which is creation order; with an agent id, only the participants bound to it. */
    Page<Participant> list(TenantId tenant, PageRequest page, String agentId);

    /** Replaces {@code current} by {@code updated} if {@code current.version()} is still the stored one. */
    void update(Participant current, Participant updated);

    /**
     * As {@link #update(Participant, Participant)}, in the same write storing {@code issued} (the keys of the
     * (binding, channel) pairs {@code updated} adds) and retiring the keys of the pairs it removes; with
     * {@code binding}, the write is that bind or unbind (its change event says so).
     */
    default void update(Participant current, Participant updated, List<BindingKey> issued, BindingChange binding) {
        update(current, updated);
    }

    /** A bind ({@code bound}) or unbind of one agent. */
    record BindingChange(String agentId, boolean bound) {
    }

    /** Deletes {@code current} (and retires its per-binding activations' keys) with its claims and bindings if its version is still the stored one. */
    void delete(Participant current);

    /**
     * Sets {@code disabledAt} when the participant is enabled (a disabled one keeps its first timestamp), or
     * clears it when {@code disabled} is false, in one conditional write.
     *
     * @return the participant as stored afterwards; empty when it does not exist
     */
    Optional<Participant> setDisabled(TenantId tenant, UUID id, boolean disabled, long now);

    /**
     * Adds or removes one agent binding of a participant without channels activated per binding; a no-op when it
     * is already so. Not conditional on the version, so binds of distinct agents do not conflict.
     *
     * @return false when the participant does not exist
     * @throws io.participants.domain.common.ConcurrentModificationException when the participant has a channel
     *                                                                       activated per binding (one came in
     *                                                                       since it was read), whatever its
     *                                                                       bindings: that binding needs its keys
     */
    boolean setBinding(TenantId tenant, UUID id, String agentId, boolean bound, long now);
}
