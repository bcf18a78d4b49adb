package io.participants.api.telegram;

import io.participants.api.providers.DownloadGuards;
import io.participants.api.providers.GuardedImageDownloader;
import io.participants.api.providers.RetryPause;
import io.participants.domain.avatar.AvatarImage;
import io.participants.domain.avatar.AvatarSource;
import io.participants.domain.avatar.ProviderFailure;
import io.participants.domain.avatar.ProviderFailure.Reason;
import io.participants.domain.avatar.RemoteAvatar;
import io.participants.domain.connection.ProviderToken;
import io.participants.domain.integration.Provider;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Telegram's Bot API as an {@link AvatarSource}: {@code getUserProfilePhotos} (limit 1), the largest size of the
 * newest photo, {@code getFile}, then the guarded download of {@code <base>/file/bot<token>/<file_path>}. That URL
 * holds the bot token: it lives only inside the {@link RemoteAvatar} (whose text never shows it) and the download,
 * whose failures name the host alone.
 */
public final class TelegramAvatarSource implements AvatarSource {

    /** Where the Bot API serves files: its own host. */
    public static final Set<String> IMAGE_HOSTS = Set.of("api.telegram.org");

    /** A Bot API file path ({@code photos/file_0.jpg}): no scheme, no query, no way out of the bot's files. */
    private static final Pattern FILE_PATH = Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+){0,4}");

    private final BotApi api;
    private final GuardedImageDownloader downloader;

    /** Telegram's public Bot API with the default guards; for production wiring. */
    public TelegramAvatarSource() {
        this(TelegramApiConfig.defaults(),
                new GuardedImageDownloader(DownloadGuards.defaults().forProvider(IMAGE_HOSTS)), RetryPause.SLEEP);
    }

    public TelegramAvatarSource(TelegramApiConfig config, GuardedImageDownloader downloader, RetryPause pause) {
        this.api = new BotApi(config, pause);
        this.downloader = downloader;
    }

    @Override
    public Provider provider() {
        return Provider.TELEGRAM;
    }

    @Override
    public RemoteAvatar find(ProviderToken token, String address) {
        if (!Provider.TELEGRAM.isValidAddress(address) || address.startsWith("-")) {
            // groups, supergroups and channels are not people; a bot cannot read their photo this way
            throw new ProviderFailure(Reason.NO_IMAGE, "a Telegram group chat has no user avatar");
        }
        String botToken = token == null ? null : token.accessToken();
        Object photos = api.call(botToken, "getUserProfilePhotos", Map.of("user_id", address, "limit", "1"));
        Map<?, ?> largest = largestSize(photos);
        if (!(largest.get("file_id") instanceof String fileId) || fileId.isBlank()) {
            throw new ProviderFailure(Reason.UNAVAILABLE, "Telegram gave a photo without a file id");
        }
        Object file = api.call(botToken, "getFile", Map.of("file_id", fileId));
        if (!(file instanceof Map<?, ?> fileMap) || !(fileMap.get("file_path") instanceof String path)
                || !FILE_PATH.matcher(path).matches()) {
            throw new ProviderFailure(Reason.UNAVAILABLE, "Telegram getFile gave no usable file path");
        }
        // file_unique_id stays the same for the same image, whichever bot asks: the unchanged-image fingerprint
        String unique = largest.get("file_unique_id") instanceof String u && !u.isBlank() ? "tg:" + u : null;
        return new RemoteAvatar(api.fileUrl(botToken, path), unique);
    }

    @Override
    public AvatarImage download(RemoteAvatar avatar) {
        return downloader.download(avatar.imageUrl());
    }

    /** The largest size of the newest photo; {@code total_count} 0 (no photo) is no image. */
    private static Map<?, ?> largestSize(Object result) {
        if (!(result instanceof Map<?, ?> map)) {
            throw new ProviderFailure(Reason.UNAVAILABLE, "Telegram getUserProfilePhotos gave no result");
        }
        if (!(map.get("photos") instanceof List<?> photos) || photos.isEmpty()
                || !(photos.get(0) instanceof List<?> sizes) || sizes.isEmpty()) {
            throw new ProviderFailure(Reason.NO_IMAGE, "the Telegram user has no profile photo");
        }
        Map<?, ?> best = null;
        long bestArea = -1;
        for (Object size : sizes) {
            if (size instanceof Map<?, ?> s) {
                long area = number(s.get("width")) * number(s.get("height"));
                // sizes come smallest first; the area decides should that order ever change
                if (area >= bestArea) {
                    best = s;
                    bestArea = area;
                }
            }
        }
        if (best == null) {
            throw new ProviderFailure(Reason.NO_IMAGE, "the Telegram user has no profile photo");
        }
        return best;
    }

    private static long number(Object value) {
        return value instanceof Number n ? Math.max(0, n.longValue()) : 0;
    }
}
