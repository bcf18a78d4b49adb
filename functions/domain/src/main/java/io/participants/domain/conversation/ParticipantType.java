package io.participants.domain.conversation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What takes part in a conversation: a workspace user, an AI agent, a flow, a bot, or an outside contact. */
public enum ParticipantType {
    USER, AGENT, FLOW, BOT, CONTACT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ParticipantType> parse(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(value)).findFirst();
    }
}
