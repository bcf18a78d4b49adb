package io.participants.domain.connection;

import io.participants.domain.integration.Provider;

/**
 * Port: one provider's refresh-token grant, for providers whose access tokens expire (Microsoft's last about an
 * hour). Adding such a provider is one adapter and one registration.
 */
public interface TokenRefresher {

    Provider provider();

    /**
     * A new access token for {@code current}'s refresh token; the answer's refresh token is the provider's new one
     * when it rotated it, else the same.
     *
     * @throws io.participants.domain.avatar.ProviderFailure {@code TOKEN_REJECTED} when the provider refuses the
     *                                                       refresh token ({@code invalid_grant}), another reason
     *                                                       when it fails or asks to slow down
     */
    ProviderToken refresh(ProviderToken current);
}
