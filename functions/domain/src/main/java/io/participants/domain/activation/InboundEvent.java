package io.participants.domain.activation;

/** What a verified inbound request is: a handshake to answer, a message from a channel, or something to ignore. */
public sealed interface InboundEvent {

    /** A provider's URL check (Slack's {@code url_verification}): answered with {@code challenge}. */
    record Challenge(String challenge) implements InboundEvent {
    }

    /**
     * A message from {@code address}; {@code messageId} is the provider's id of the delivery (Slack's
     * {@code event_id}, Telegram's {@code update_id}, Twilio's {@code MessageSid}), the same on every retry.
     */
    record Message(String messageId, String address) implements InboundEvent {
    }

    /** Verified, but nothing a channel sent (a bot's own message, an edit, a status callback). */
    record Ignored(String why) implements InboundEvent {
    }
}
