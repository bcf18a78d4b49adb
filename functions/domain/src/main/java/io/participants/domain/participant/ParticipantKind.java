package io.participants.domain.participant;

import java.util.Arrays;
import java.util.Optional;

/** What a participant is; fixed when it is created. */
public enum ParticipantKind {
    PERSON, GROUP, AI_AGENT;

    public static Optional<ParticipantKind> parse(String name) {
        return Arrays.stream(values()).filter(k -> k.name().equals(name)).findFirst();
    }
}
