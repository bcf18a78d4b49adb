package io.participants.domain.connection;

/** Where an integration config's OAuth connection stands. */
public enum ConnectionState {
    /** No token is stored: never authorized, or disconnected. */
    NOT_CONNECTED,
    /** A token is stored and the provider last accepted it. */
    CONNECTED,
    /** A token is stored but the provider refused it (revoked, invalid, or the account is inactive): re-authorize. */
    TOKEN_REJECTED
}
