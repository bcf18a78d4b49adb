package io.participants.domain.participant;

import io.participants.domain.integration.Provider;

/**
 * Port: makes the webhook key and shared secret of a per-binding activation, for the providers activated per
 * binding. Participant writes that create a (binding, channel) pair of such a provider issue one through it.
 */
public interface BindingKeyIssuer {

    /** Whether channels of {@code provider} get an activation per binding. */
    boolean perBinding(Provider provider);

    IssuedBindingKey issue(BindingSlot slot, Provider provider, long now);

    /** Issues nothing: no provider is activated per binding (tests of other concerns). */
    BindingKeyIssuer NONE = new BindingKeyIssuer() {
        @Override
        public boolean perBinding(Provider provider) {
            return false;
        }

        @Override
        public IssuedBindingKey issue(BindingSlot slot, Provider provider, long now) {
            throw new IllegalStateException("no provider is activated per binding");
        }
    };
}
