package io.participants.api.slack;

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

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The Slack Web API as an {@link AvatarSource}: {@code users.info} finds the avatar, the guarded downloader fetches it. */
public final class SlackAvatarSource implements AvatarSource {

    /** Where Slack serves avatars: its own CDN, and Gravatar (with WordPress's image proxy) for default avatars. */
    public static final Set<String> IMAGE_HOSTS =
            Set.of("avatars.slack-edge.com", "*.slack-edge.com", "secure.gravatar.com", "i0.wp.com");

    private static final Set<String> TOKEN_ERRORS =
            Set.of("invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive");
    private final SlackCalls calls;
    private final GuardedImageDownloader downloader;
    private final String usersInfo;

    /** Slack's public API with the default guards; for production wiring. */
    public SlackAvatarSource() {
        this(SlackApiConfig.defaults(), new GuardedImageDownloader(DownloadGuards.defaults().forProvider(IMAGE_HOSTS)),
                RetryPause.SLEEP);
    }

    public SlackAvatarSource(SlackApiConfig config, GuardedImageDownloader downloader, RetryPause pause) {
        this.calls = new SlackCalls(config, pause);
        this.downloader = downloader;
        this.usersInfo = calls.method("users.info") + "?user=";
    }

    @Override
    public Provider provider() {
        return Provider.SLACK;
    }

    @Override
    public RemoteAvatar find(ProviderToken token, String address) {
        if (!isMemberId(address)) {
            // Channels, groups and DMs have no avatar of their own; no need to ask Slack.
            throw new ProviderFailure(Reason.NO_IMAGE, "a Slack conversation has no avatar");
        }
        String accessToken = token == null ? null : token.accessToken();
        if (!SlackCalls.isHeaderSafe(accessToken)) {
            // Checked here so a malformed token never reaches an HTTP library message that could echo it.
            throw new ProviderFailure(Reason.TOKEN_REJECTED, "the stored Slack token is missing or malformed");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(usersInfo + URLEncoder.encode(address,
                        StandardCharsets.UTF_8)))
                .GET()
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json");
        return avatarFrom(calls.call(request));
    }

    @Override
    public AvatarImage download(RemoteAvatar avatar) {
        return downloader.download(avatar.imageUrl());
    }

    private static boolean isMemberId(String address) {
        return Provider.SLACK.isValidAddress(address) && (address.charAt(0) == 'U' || address.charAt(0) == 'W');
    }

    private static RemoteAvatar avatarFrom(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new ProviderFailure(Reason.UNAVAILABLE, "Slack users.info answered " + response.statusCode());
        }
        UsersInfo info;
        try {
            info = UsersInfo.parse(response.body());
        } catch (IOException e) {
            throw new ProviderFailure(Reason.UNAVAILABLE, "Slack users.info answered with unreadable JSON");
        }
        if (!info.ok()) {
            throw failureFor(info.error());
        }
        String image = info.largestImage();
        if (!info.customImage() || image == null) {
            throw new ProviderFailure(Reason.NO_IMAGE, "the Slack user has the default avatar");
        }
        try {
            return new RemoteAvatar(URI.create(image), info.avatarHash());
        } catch (IllegalArgumentException e) {
            throw new ProviderFailure(Reason.IMAGE_REFUSED, "Slack gave a malformed image URL");
        }
    }

    private static ProviderFailure failureFor(String error) {
        String code = SlackCalls.errorCode(error);
        if (TOKEN_ERRORS.contains(code)) {
            return new ProviderFailure(Reason.TOKEN_REJECTED, "Slack rejected the token: " + code);
        }
        if (code.equals("user_not_found")) {
            return new ProviderFailure(Reason.NO_IMAGE, "Slack does not know the user");
        }
        return new ProviderFailure(Reason.UNAVAILABLE, "Slack users.info failed: " + code);
    }
}
