package io.participants.domain.activation;

import io.participants.domain.integration.Provider;

import java.util.Optional;

/**
 * How a provider's inbound messages reach this service: through one webhook per integration config (the provider
 * posts every message of one credential to one URL) or through one per agent binding. docs/activations.md says why
 * each provider is the kind it is.
 */
public enum ActivationScope {
    /** One webhook per config: Slack (one Events API request URL per app), Telegram (one per bot), Twilio (one per number). */
    PER_CONFIG,
    /** One webhook per binding: Microsoft Graph change notifications take a notification URL per subscription. */
    PER_BINDING;

    /** The kind of {@code provider}'s activations; empty for a provider that delivers no inbound messages (email). */
    public static Optional<ActivationScope> of(Provider provider) {
        return switch (provider) {
            case SLACK, TELEGRAM, SMS, WHATSAPP -> Optional.of(PER_CONFIG);
            case MICROSOFT_TEAMS -> Optional.of(PER_BINDING);
            case EMAIL -> Optional.empty();
        };
    }
}
