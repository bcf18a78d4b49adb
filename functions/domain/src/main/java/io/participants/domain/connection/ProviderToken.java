package io.participants.domain.connection;

import java.util.List;

/**
 * The credentials an operator's OAuth connection to one provider workspace yields: the access token, the workspace
 * (team or directory) it belongs to, the bot user and the scopes granted; for providers whose access tokens expire
 * (Microsoft), the refresh token, the expiry, and the store's version of the record it was read from, so that a
 * refreshed token replaces exactly that one. {@link #toString()} never shows a token.
 *
 * @param refreshToken null when the provider issues none (Slack's bot tokens do not expire)
 * @param expiresAt    epoch millis after which the access token is refused; 0 when it does not expire
 * @param version      the store's opaque version of this record; null for a token not read from the store
 */
public record ProviderToken(String accessToken, String teamId, String botUserId, List<String> scopes,
                            String refreshToken, long expiresAt, String version) {

    public ProviderToken {
        scopes = List.copyOf(scopes);
    }

    /** A token that does not expire and has no refresh token, such as a Slack bot token. */
    public ProviderToken(String accessToken, String teamId, String botUserId, List<String> scopes) {
        this(accessToken, teamId, botUserId, scopes, null, 0, null);
    }

    /** A short, non-secret prefix for display (such as {@code xoxb-…}), or null when there is no token. */
    public String prefix() {
        return accessToken == null ? null : accessToken.substring(0, Math.min(5, accessToken.length())) + "…";
    }

    /** Whether the access token has expired at {@code now} or will within {@code marginMillis}. */
    public boolean expiresWithin(long now, long marginMillis) {
        return expiresAt > 0 && now + marginMillis >= expiresAt;
    }

    /** This token as the store holds it under {@code storeVersion}. */
    public ProviderToken withVersion(String storeVersion) {
        return new ProviderToken(accessToken, teamId, botUserId, scopes, refreshToken, expiresAt, storeVersion);
    }

    @Override
    public String toString() {
        return "ProviderToken[teamId=" + teamId + ", botUserId=" + botUserId + ", scopes=" + scopes + ", token="
                + prefix() + ", refreshToken=" + (refreshToken == null ? "none" : "***") + ", expiresAt=" + expiresAt
                + ", version=" + version + "]";
    }
}
