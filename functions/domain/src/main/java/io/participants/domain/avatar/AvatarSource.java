package io.participants.domain.avatar;

import io.participants.domain.connection.ProviderToken;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.Provider;

/**
 * Port: one provider's way to find and download a participant's avatar. Adding a provider is one implementation
 * and one registration; the sync use case picks the source by the channel's provider.
 */
public interface AvatarSource {

    Provider provider();

    /**
     * Whether the source needs the operator's stored token. A source that needs none (Gravatar, a public lookup)
     * serves only the configs that turn it on ({@link #enabledFor}), and gets a null token.
     */
    default boolean needsToken() {
        return true;
    }

    /** For a source that needs no token: whether {@code config} turns it on. */
    default boolean enabledFor(IntegrationConfig config) {
        return true;
    }

    /**
     * Finds the avatar of {@code address} in the workspace of {@code token} (null for a source that needs none).
     *
     * @throws ProviderFailure with {@link ProviderFailure.Reason#NO_IMAGE} for a non-user address or a default
     *                         avatar, or another reason when the provider refuses or fails
     */
    RemoteAvatar find(ProviderToken token, String address);

    /**
     * Downloads the image within the source's guards (https, allowed hosts, no redirect elsewhere, time and size
     * limits, an image by its bytes).
     *
     * @throws ProviderFailure {@link ProviderFailure.Reason#IMAGE_REFUSED} when a guard fails
     */
    AvatarImage download(RemoteAvatar avatar);

    /**
     * Downloads the image with the workspace's token, for providers whose image lives behind their API (Microsoft
     * Graph's photo); by default the token is not needed.
     */
    default AvatarImage download(ProviderToken token, RemoteAvatar avatar) {
        return download(avatar);
    }
}
