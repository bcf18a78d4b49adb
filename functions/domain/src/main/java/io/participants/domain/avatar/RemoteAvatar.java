package io.participants.domain.avatar;

import java.net.URI;

/**
 * Where a provider keeps a user's avatar, and the provider's fingerprint of it (unchanged image, same hash; null when
 * the provider gives none before the download). {@link #toString()} shows the URL's host only: some providers'
 * image URLs carry a token (Telegram's file URLs hold the bot token).
 */
public record RemoteAvatar(URI imageUrl, String avatarHash) {

    @Override
    public String toString() {
        return "RemoteAvatar[host=" + (imageUrl == null ? null : imageUrl.getHost()) + ", avatarHash=" + avatarHash
                + "]";
    }
}
