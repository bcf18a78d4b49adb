package io.participants.domain.activation;

import io.participants.domain.integration.Provider;

import java.util.Set;

/**
 * Port: one provider's check of an inbound request's signature, and its reading of what the request carries. A
 * new provider is one more verifier.
 */
public interface InboundVerifier {

    Set<Provider> providers();

    /**
     * @throws io.participants.domain.common.UnauthenticatedException when the signature (or secret token) is
     *                                                                  missing, wrong or too old
     * @throws io.participants.domain.common.ValidationException       when a signed body cannot be read
     */
    InboundEvent verify(InboundRequest request, ConfigWebhook webhook);
}
