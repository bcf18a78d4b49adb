package io.participants.domain.connection;

import io.participants.domain.integration.Provider;

/**
 * Port: a provider whose operator connects a config by handing over a token (a Telegram bot's), not through OAuth.
 * The token is checked with the provider before it is kept. Adding such a provider is one adapter and one
 * registration.
 */
public interface TokenVerifier {

    Provider provider();

    /**
     * Asks the provider who the token belongs to.
     *
     * @return the token with what the provider says of it (the bot's id as its team and bot user)
     * @throws io.participants.domain.avatar.ProviderFailure {@code TOKEN_REJECTED} when the provider refuses it,
     *                                                       another reason when it fails or asks to slow down
     */
    ProviderToken verify(String token);
}
