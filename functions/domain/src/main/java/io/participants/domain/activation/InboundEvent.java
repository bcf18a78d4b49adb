package io.participants.domain.activation;

/** What a verified inbound request is: a handshake to answer, a message from a channel, or something to ignore. */
public sealed interface InboundEvent {

    /** A provider's URL check (Slack's {@code url_verification}): answered with {@code challenge}. */
    record Challenge(String challenge) implements InboundEvent {
    }

    /**
     * A message from {@code address}; {@code messageId} is the provider's id of the delivery (Slack's
     * {@code event_id}, Telegram's {@code update_id}, Twilio's {@code MessageSid}), the same on every retry.
     * {@code text} is what it says (Slack's {@code event.text}, Telegram's {@code message.text} or
     * {@code caption}, Twilio's {@code Body}), null when it has none; it is kept only when the config says so, and
     * never printed.
     */
    record Message(String messageId, String address, String text) implements InboundEvent {

        @Override
        public String toString() {
            return "Message[messageId=" + messageId + ", address=" + address + ", text="
                    + (text == null ? "none" : "<hidden>") + "]";
        }
    }

    /**
     * Microsoft Graph's validation of a new subscription's notification URL: answered {@code 200 text/plain} with
     * {@code token}, decoded, within 10 seconds.
     */
    record Validation(String token) implements InboundEvent {
    }

    /**
     * Microsoft Graph change notifications, every one's {@code clientState} checked: the {@code created} chat
     * messages among them (none for lifecycle notifications), answered 202.
     */
    record Notifications(java.util.List<Message> messages) implements InboundEvent {

        public Notifications {
            messages = java.util.List.copyOf(messages);
        }
    }

    /** Verified, but nothing a channel sent (a bot's own message, an edit, a status callback). */
    record Ignored(String why) implements InboundEvent {
    }
}
