package io.participants.domain.participant;

import java.util.List;

/**
 * A participant as a write left it, with the per-binding activation keys that write issued (shown once, in its
 * answer; empty when it issued none).
 */
public record ParticipantWrite(Participant participant, List<IssuedBindingKey> issued) {

    public ParticipantWrite {
        issued = List.copyOf(issued);
    }
}
