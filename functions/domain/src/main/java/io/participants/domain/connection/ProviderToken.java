package io.participants.domain.connection;

import java.util.List;

/**
 * The credentials an operator's OAuth connection to one provider workspace yields: the bot token, the workspace
 * (team) it belongs to, the bot user and the scopes granted. {@link #toString()} never shows the token.
 */
public record ProviderToken(String accessToken, String teamId, String botUserId, List<String> scopes) {

    public ProviderToken {
        scopes = List.copyOf(scopes);
    }

    /** A short, non-secret prefix for display (such as {@code xoxb-…}), or null when there is no token. */
    public String prefix() {
        return accessToken == null ? null : accessToken.substring(0, Math.min(5, accessToken.length())) + "…";
    }

    @Override
    public String toString() {
        return "ProviderToken[teamId=" + teamId + ", botUserId=" + botUserId + ", scopes=" + scopes + ", token="
                + prefix() + "]";
    }
}
