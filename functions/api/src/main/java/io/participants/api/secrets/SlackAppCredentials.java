package io.participants.api.secrets;

import java.util.Objects;

/**
 * The Slack app's OAuth client id and secret, and optionally its request signing secret; {@link #toString()} shows
 * only the client id.
 */
public record SlackAppCredentials(String clientId, String clientSecret, String signingKey) {

    public SlackAppCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String toString() {
        return "SlackAppCredentials[clientId=" + clientId + ", clientSecret=***, signingKey="
                + (signingKey == null ? "none" : "***") + "]";
    }
}
