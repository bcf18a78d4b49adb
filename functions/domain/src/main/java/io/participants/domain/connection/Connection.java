package io.participants.domain.connection;

import java.util.Objects;

/**
 * The stored state of a config's OAuth connection: whether its token still works, the provider workspace (team)
 * it reaches, a short non-secret prefix of the token, and when the state last changed.
 */
public record Connection(ConnectionState state, String teamId, String keyPrefix, long changedAt) {

    public Connection {
        Objects.requireNonNull(state, "state");
        if (state == ConnectionState.NOT_CONNECTED) {
            throw new IllegalArgumentException("a stored connection is connected or rejected; absent means none");
        }
    }

    public Connection rejected(long at) {
        return new Connection(ConnectionState.TOKEN_REJECTED, teamId, keyPrefix, at);
    }
}
