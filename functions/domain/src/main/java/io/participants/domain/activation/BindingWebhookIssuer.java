package io.participants.domain.activation;

import io.participants.domain.integration.Provider;
import io.participants.domain.participant.BindingKey;
import io.participants.domain.participant.BindingKeyIssuer;
import io.participants.domain.participant.BindingSlot;
import io.participants.domain.participant.IssuedBindingKey;

import java.security.SecureRandom;

/**
 * Makes the secrets of a per-binding activation: a webhook key of the per-config format ({@link WebhookKey}) and a
 * {@code clientState} for Microsoft Graph subscriptions (43 base64url characters, 256 random bits; Graph allows
 * 128), each stored only as its SHA-256 hash.
 */
public final class BindingWebhookIssuer implements BindingKeyIssuer {

    private final SecureRandom random;

    public BindingWebhookIssuer(SecureRandom random) {
        this.random = random;
    }

    @Override
    public boolean perBinding(Provider provider) {
        return ActivationScope.of(provider).orElse(null) == ActivationScope.PER_BINDING;
    }

    @Override
    public IssuedBindingKey issue(BindingSlot slot, Provider provider, long now) {
        WebhookKey key = WebhookKey.generate(random);
        String clientState = WebhookKey.secretToken(random);
        return new IssuedBindingKey(new BindingKey(slot, provider, key.prefix(), WebhookKey.hash(key.value()),
                WebhookKey.hash(clientState), now), key.value(), clientState);
    }
}
