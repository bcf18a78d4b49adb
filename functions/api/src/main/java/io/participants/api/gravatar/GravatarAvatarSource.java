package io.participants.api.gravatar;

import io.participants.api.providers.GuardedImageDownloader;
import io.participants.domain.avatar.AvatarImage;
import io.participants.domain.avatar.AvatarSource;
import io.participants.domain.avatar.ProviderFailure;
import io.participants.domain.avatar.ProviderFailure.Reason;
import io.participants.domain.avatar.RemoteAvatar;
import io.participants.domain.connection.ProviderToken;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.Provider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Gravatar as the {@link AvatarSource} of {@code EMAIL} channels, on the configs that turn it on: the image at
 * {@code /avatar/{SHA-256 of the trimmed, lower-cased address}?s=512&d=404}, where 404 means the address has none.
 * No token: Gravatar is public, which is why a config must opt in (the hash goes to a third party).
 */
public final class GravatarAvatarSource implements AvatarSource {

    /** Where Gravatar serves images. */
    public static final Set<String> IMAGE_HOSTS = Set.of("gravatar.com", "*.gravatar.com");

    public static final URI DEFAULT_BASE = URI.create("https://gravatar.com");

    /** The size asked for: large enough for any avatar display, small enough to stay far below the size cap. */
    static final int SIZE = 512;

    private final URI base;
    private final GuardedImageDownloader downloader;

    /**
     * @param base       {@code https://gravatar.com} outside tests and local mode
     * @param downloader guarded by Gravatar's image hosts (or a stand-in's)
     */
    public GravatarAvatarSource(URI base, GuardedImageDownloader downloader) {
        this.base = Objects.requireNonNull(base, "base");
        this.downloader = Objects.requireNonNull(downloader, "downloader");
    }

    @Override
    public Provider provider() {
        return Provider.EMAIL;
    }

    @Override
    public boolean needsToken() {
        return false;
    }

    @Override
    public boolean enabledFor(IntegrationConfig config) {
        return config.provider() == Provider.EMAIL && config.gravatar();
    }

    @Override
    public RemoteAvatar find(ProviderToken token, String address) {
        String b = base.toString();
        URI url = URI.create((b.endsWith("/") ? b : b + "/") + "avatar/" + hash(address) + "?s=" + SIZE + "&d=404");
        // No fingerprint before the download: Gravatar's answer is the only way to know the image changed.
        return new RemoteAvatar(url, null);
    }

    @Override
    public AvatarImage download(RemoteAvatar avatar) {
        return downloader.downloadIfPresent(avatar.imageUrl()).orElseThrow(() ->
                new ProviderFailure(Reason.NO_IMAGE, "Gravatar has no image for the address"));
    }

    /** Gravatar's key of an address: the hex SHA-256 of it trimmed and lower-cased. */
    static String hash(String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(address.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
