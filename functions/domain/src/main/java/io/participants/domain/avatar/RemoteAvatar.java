package io.participants.domain.avatar;

import java.net.URI;

/** Where a provider keeps a user's avatar, and the provider's fingerprint of it (unchanged image, same hash). */
public record RemoteAvatar(URI imageUrl, String avatarHash) {
}
