package io.participants.domain.participant;

import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.Provider;

/** The state of the provider credentials behind a channel, from its integration config's OAuth connection. */
public enum KeyStatus {
    /** The provider needs no key (email, SMS, WhatsApp). */
    UNSPECIFIED,
    /** The config has never been authorized, or was disconnected. */
    NOT_CONNECTED,
    /** The config holds a token the provider last accepted. */
    ACTIVE,
    /** The provider refused the config's token; the operator must authorize it again. */
    REJECTED;

    /** The key status of a channel on {@code provider} whose config is {@code config} (null when unknown). */
    public static KeyStatus of(Provider provider, IntegrationConfig config) {
        if (!provider.needsConnection()) {
            return UNSPECIFIED;
        }
        if (config == null) {
            return NOT_CONNECTED;
        }
        return switch (config.connectionState()) {
            case NOT_CONNECTED -> NOT_CONNECTED;
            case CONNECTED -> ACTIVE;
            case TOKEN_REJECTED -> REJECTED;
        };
    }

    /** Whether a message could be sent with this key. */
    public boolean usable() {
        return this == UNSPECIFIED || this == ACTIVE;
    }
}
