package io.participants.domain.participant;

/** Why a channel, or a whole participant, cannot be reached. */
public enum HealthReason {
    /** The address does not match its provider's format. */
    INVALID_FORMAT,
    /** The channel's integration config has no OAuth connection. */
    NOT_CONNECTED,
    /** The provider refused the token of the channel's integration config. */
    KEY_REJECTED,
    /** The participant has no channel at all. */
    NO_CHANNELS,
    /** Every channel is disabled. */
    ALL_CHANNELS_DISABLED
}
