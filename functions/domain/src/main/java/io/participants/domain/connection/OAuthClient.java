package io.participants.domain.connection;

import io.participants.domain.integration.Provider;

import java.net.URI;

/**
 * Port: one provider's OAuth 2.0 authorization-code flow, as the operator connects a workspace. Adding a provider is
 * one adapter and one registration.
 */
public interface OAuthClient {

    Provider provider();

    /** Where to send the operator's browser to grant access; {@code state} comes back with the callback. */
    URI authorizationUrl(String state);

    /**
     * Exchanges the callback's code for the workspace token.
     *
     * @throws io.participants.domain.common.RefusedException when the provider refuses the code
     * @throws io.participants.domain.avatar.ProviderFailure when the provider fails or asks to slow down
     */
    ProviderToken exchange(String code);

    /** Revokes a token at the provider; best effort, callers go on when it fails. */
    void revoke(ProviderToken token);
}
