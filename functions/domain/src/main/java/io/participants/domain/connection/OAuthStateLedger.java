package io.participants.domain.connection;

/** Port: makes each issued OAuth state usable once. */
public interface OAuthStateLedger {

    /** Records an issued state until it expires. */
    void open(OAuthState state);

    /**
     * Uses the state up.
     *
     * @return true the first time for a state that was opened with the same tenant and config; false when it was
     * never opened, was already consumed, or names another tenant or config
     */
    boolean consume(OAuthState state);
}
