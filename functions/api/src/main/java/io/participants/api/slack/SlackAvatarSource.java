package io.participants.api.slack;

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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The Slack Web API as an {@link AvatarSource}: {@code users.info} finds the avatar, the guarded downloader fetches it. */
public final class SlackAvatarSource implements AvatarSource {

    private static final Set<String> TOKEN_ERRORS =
            Set.of("invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive");
    /** Slack sends Retry-After with every 429; this stands in should it ever be missing or unreadable. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final SlackApiConfig config;
    private final GuardedImageDownloader downloader;
    private final RetryPause pause;
    private final HttpClient client;
    private final String usersInfo;

    /** Slack's public API with the default guards; for production wiring. */
    public SlackAvatarSource() {
        this(SlackApiConfig.defaults(), new GuardedImageDownloader(DownloadGuards.slackDefaults()), RetryPause.SLEEP);
    }

    public SlackAvatarSource(SlackApiConfig config, GuardedImageDownloader downloader, RetryPause pause) {
        this.config = config;
        this.downloader = downloader;
        this.pause = pause;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout())
                .build();
        String base = config.apiBase().toString();
        this.usersInfo = (base.endsWith("/") ? base : base + "/") + "users.info?user=";
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
        if (accessToken == null || accessToken.isBlank() || !accessToken.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            // Checked here so a malformed token never reaches an HTTP library message that could echo it.
            throw new ProviderFailure(Reason.TOKEN_REJECTED, "the stored Slack token is missing or malformed");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(usersInfo + URLEncoder.encode(address,
                        StandardCharsets.UTF_8)))
                .GET()
                .timeout(config.readTimeout())
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 429) {
            Duration retryAfter = retryAfter(response);
            if (retryAfter.compareTo(config.maxRetryWait()) > 0) {
                throw rateLimited(retryAfter);
            }
            waitFor(retryAfter);
            response = send(request);
            if (response.statusCode() == 429) {
                throw rateLimited(retryAfter(response));
            }
        }
        return avatarFrom(response);
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
        String code = error == null ? "" : error;
        if (TOKEN_ERRORS.contains(code)) {
            return new ProviderFailure(Reason.TOKEN_REJECTED, "Slack rejected the token: " + code);
        }
        if (code.equals("user_not_found")) {
            return new ProviderFailure(Reason.NO_IMAGE, "Slack does not know the user");
        }
        return new ProviderFailure(Reason.UNAVAILABLE, "Slack users.info failed: " + (code.isEmpty() ? "no error code"
                : code));
    }

    private HttpResponse<String> send(HttpRequest request) {
        CompletableFuture<HttpResponse<String>> future =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            // The request timeout stops at the headers; this deadline also covers a slow body.
            return future.get(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ProviderFailure(Reason.UNAVAILABLE, "Slack did not answer in time");
        } catch (ExecutionException e) {
            // The cause is not attached: HTTP library messages are outside our control and must not echo headers.
            throw new ProviderFailure(Reason.UNAVAILABLE, "Slack did not answer in time or could not be reached");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderFailure(Reason.UNAVAILABLE, "interrupted while calling Slack");
        }
    }

    private void waitFor(Duration retryAfter) {
        try {
            pause.pause(retryAfter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw rateLimited(retryAfter);
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .map(String::trim)
                .filter(value -> value.matches("\\d{1,9}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value)))
                .orElse(DEFAULT_RETRY_AFTER);
    }

    private static ProviderFailure rateLimited(Duration retryAfter) {
        return new ProviderFailure(Reason.RATE_LIMITED, "Slack asked to wait " + retryAfter.toSeconds() + " s",
                retryAfter);
    }
}
