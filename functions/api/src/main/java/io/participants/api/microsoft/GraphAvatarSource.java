package io.participants.api.microsoft;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.participants.api.aws.InvocationDeadline;
import io.participants.api.providers.GuardedImageDownloader;
import io.participants.api.providers.ProviderCalls;
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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Microsoft Graph as the Teams {@link AvatarSource}: {@code GET /users/{id}/photo} says whether the user has a
 * photo and gives its media ETag (the unchanged-image hash), then {@code /users/{id}/photos/648x648/$value} is
 * downloaded through the shared guards (Graph's host only, the token sent to it alone): the largest size not above
 * 648x648, or a smaller one where that size is missing. A 404 ({@code ImageNotFound}) is "no image".
 */
public final class GraphAvatarSource implements AvatarSource {

    /** Where Graph serves photos: the API host itself. */
    public static final Set<String> IMAGE_HOSTS = Set.of("graph.microsoft.com");

    /** The largest of Graph's photo sizes that an avatar needs. */
    static final String SIZE = "648x648";

    /** Graph's error codes of a refused token or permission: only a new authorization helps. */
    private static final Set<String> TOKEN_ERRORS = Set.of("InvalidAuthenticationToken", "Authorization_RequestDenied",
            "ErrorAccessDenied", "AccessDenied");
    private static final Pattern ETAG = Pattern.compile("[A-Za-z0-9+/=_.:-]{1,128}");
    private static final JsonFactory JSON = new JsonFactory();

    private final ProviderCalls calls;
    private final MicrosoftConfig config;
    private final GuardedImageDownloader downloader;
    private final RetryPause pause;

    public GraphAvatarSource(MicrosoftConfig config, GuardedImageDownloader downloader, RetryPause pause) {
        this.config = config;
        this.calls = new ProviderCalls("Microsoft Graph", config.connectTimeout(), config.readTimeout(),
                config.maxRetryWait(), pause, ProviderCalls.RetryAfter.HEADER);
        this.downloader = downloader;
        this.pause = pause;
    }

    @Override
    public Provider provider() {
        return Provider.MICROSOFT_TEAMS;
    }

    @Override
    public RemoteAvatar find(ProviderToken token, String address) {
        if (!Provider.MICROSOFT_TEAMS.isValidAddress(address)) {
            throw new ProviderFailure(Reason.NO_IMAGE, "a Teams channel address must be an Entra ID user object id");
        }
        String user = Provider.MICROSOFT_TEAMS.normalise(address);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(MicrosoftConfig.join(config.graphBase(),
                        "users/" + user + "/photo")))
                .GET()
                .header("Authorization", bearer(token))
                .header("Accept", "application/json");
        HttpResponse<String> response = calls.call(request);
        int status = response.statusCode();
        if (status != 200) {
            throw failureFor(status, errorCode(response.body()));
        }
        String etag = mediaEtag(response.body());
        return new RemoteAvatar(URI.create(MicrosoftConfig.join(config.graphBase(),
                "users/" + user + "/photos/" + SIZE + "/$value")), etag);
    }

    @Override
    public AvatarImage download(RemoteAvatar avatar) {
        throw new ProviderFailure(Reason.TOKEN_REJECTED, "a Graph photo is downloaded with the workspace's token");
    }

    @Override
    public AvatarImage download(ProviderToken token, RemoteAvatar avatar) {
        String authorization = bearer(token);
        try {
            return downloader.download(avatar.imageUrl(), authorization);
        } catch (ProviderFailure failure) {
            Duration asked = failure.retryAfter();
            if (failure.reason() != Reason.RATE_LIMITED || asked == null
                    || asked.compareTo(config.maxRetryWait()) > 0
                    || InvocationDeadline.remainingMillis() - asked.toMillis() < config.readTimeout().toMillis()) {
                throw failure;
            }
            try {
                pause.pause(asked.plus(ProviderCalls.jitter(asked)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
            return downloader.download(avatar.imageUrl(), authorization);
        }
    }

    private static String bearer(ProviderToken token) {
        String accessToken = token == null ? null : token.accessToken();
        if (!ProviderCalls.isHeaderSafe(accessToken)) {
            // checked here so a malformed token never reaches an HTTP library message that could echo it
            throw new ProviderFailure(Reason.TOKEN_REJECTED, "the stored Microsoft token is missing or malformed");
        }
        return "Bearer " + accessToken;
    }

    private static ProviderFailure failureFor(int status, String code) {
        if (status == 404) {
            return new ProviderFailure(Reason.NO_IMAGE, code.equals("ImageNotFound")
                    ? "the Microsoft user has no photo" : "Microsoft Graph does not know the user");
        }
        if (status == 401 || (status == 403 && TOKEN_ERRORS.contains(code))) {
            return new ProviderFailure(Reason.TOKEN_REJECTED, "Microsoft Graph refused the token: " + code);
        }
        return new ProviderFailure(Reason.UNAVAILABLE, "Microsoft Graph answered " + status + " " + code);
    }

    /** Graph's {@code error.code}, fit to quote (letters and digits only), or {@code unknown}. */
    static String errorCode(String body) {
        try (JsonParser parser = JSON.createParser(body == null ? "" : body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return "unknown";
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("error") && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String field = parser.currentName();
                        JsonToken inner = parser.nextToken();
                        if (field.equals("code") && inner == JsonToken.VALUE_STRING
                                && parser.getText().matches("[A-Za-z0-9_]{1,64}")) {
                            return parser.getText();
                        }
                        parser.skipChildren();
                    }
                    return "unknown";
                }
                parser.skipChildren();
            }
        } catch (IOException | RuntimeException e) {
            // an HTML error page or garbage says nothing more than its status
        }
        return "unknown";
    }

    /** The photo's {@code @odata.mediaEtag} without its quotes; null when Graph gave none usable. */
    static String mediaEtag(String body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ProviderFailure(Reason.UNAVAILABLE, "Microsoft Graph answered with unreadable JSON");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("@odata.mediaEtag") && value == JsonToken.VALUE_STRING) {
                    String etag = parser.getText().replace("\"", "").replaceFirst("^W/", "");
                    return ETAG.matcher(etag).matches() ? etag : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new ProviderFailure(Reason.UNAVAILABLE, "Microsoft Graph answered with unreadable JSON");
        }
    }
}
