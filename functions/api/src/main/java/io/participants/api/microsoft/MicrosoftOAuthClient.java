package io.participants.api.microsoft;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.participants.api.providers.ProviderCalls;
import io.participants.api.providers.RetryPause;
import io.participants.api.secrets.MicrosoftAppCredentials;
import io.participants.domain.avatar.ProviderFailure;
import io.participants.domain.avatar.ProviderFailure.Reason;
import io.participants.domain.common.RefusedException;
import io.participants.domain.connection.OAuthClient;
import io.participants.domain.connection.ProviderToken;
import io.participants.domain.connection.TokenRefresher;
import io.participants.domain.integration.Provider;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The Microsoft identity platform's authorization-code flow (v2.0 endpoints) for a delegated Graph token: the
 * {@code /{tenant}/oauth2/v2.0/authorize} page, the {@code /token} endpoint for the callback's code and for each
 * refresh. Two form posts do not need msal4j (and its cold start): the JDK's HTTP client does them, as for Slack.
 * <p>
 * Scopes: {@code ProfilePhoto.Read.All}, the least that reads another user's photo, and {@code offline_access} for a
 * refresh token. Access tokens last about an hour; each refresh may return a new refresh token, which
 * {@link io.participants.domain.connection.TokenRenewal} stores in place of the old one.
 */
public final class MicrosoftOAuthClient implements OAuthClient, TokenRefresher {

    /** What the avatar source needs (a user's photo) and a refresh token. */
    public static final String SCOPES = "https://graph.microsoft.com/ProfilePhoto.Read.All offline_access";

    /** Errors of a code the operator can fix by authorizing again. */
    private static final Set<String> GRANT_ERRORS = Set.of("invalid_grant", "invalid_request", "consent_required",
            "interaction_required");
    /** Errors of a refresh token that only a new authorization replaces (revoked, expired, consent withdrawn). */
    private static final Set<String> REFRESH_ERRORS = Set.of("invalid_grant", "interaction_required",
            "consent_required");
    private static final JsonFactory JSON = new JsonFactory();

    private final ProviderCalls calls;
    private final MicrosoftConfig config;
    private final URI redirectUri;
    private final Supplier<MicrosoftAppCredentials> credentials;
    private final Runnable credentialsRejected;
    private final Clock clock;

    /**
     * @param redirectUri         the callback URL registered with the app (the authorization URL's redirect_uri);
     *                            null where only tokens are refreshed (the avatar sync)
     * @param credentialsRejected called when the platform refuses the app's credentials, so a rotated secret is read
     *                            again
     */
    public MicrosoftOAuthClient(MicrosoftConfig config, RetryPause pause, URI redirectUri,
                                Supplier<MicrosoftAppCredentials> credentials, Runnable credentialsRejected,
                                Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.calls = new ProviderCalls("Microsoft", config.connectTimeout(), config.readTimeout(),
                config.maxRetryWait(), pause, ProviderCalls.RetryAfter.HEADER);
        this.redirectUri = redirectUri;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.credentialsRejected = Objects.requireNonNull(credentialsRejected, "credentialsRejected");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Provider provider() {
        return Provider.MICROSOFT_TEAMS;
    }

    @Override
    public URI authorizationUrl(String state) {
        MicrosoftAppCredentials app = credentials.get();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", app.clientId());
        query.put("response_type", "code");
        query.put("redirect_uri", redirect().toString());
        query.put("response_mode", "query");
        query.put("scope", SCOPES);
        query.put("state", state);
        return URI.create(MicrosoftConfig.join(config.loginBase(), app.directoryTenant() + "/oauth2/v2.0/authorize")
                + "?" + form(query));
    }

    @Override
    public ProviderToken exchange(String code) {
        TokenAnswer answer = token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirect().toString()));
        if (answer.error() != null) {
            String error = answer.errorCode();
            if (GRANT_ERRORS.contains(error)) {
                throw new RefusedException("oauth-code-rejected", "Microsoft refused the authorization code ("
                        + error + "); authorize the config again");
            }
            throw new ProviderFailure(Reason.UNAVAILABLE, "Microsoft's token endpoint failed: " + error);
        }
        if (answer.refreshToken() == null) {
            // without offline_access granted, the connection would die within the hour
            throw new ProviderFailure(Reason.UNAVAILABLE, "Microsoft granted no refresh token (offline_access)");
        }
        return tokenOf(answer, null);
    }

    @Override
    public ProviderToken refresh(ProviderToken current) {
        if (current.refreshToken() == null) {
            throw new ProviderFailure(Reason.TOKEN_REJECTED, "the stored Microsoft token has no refresh token");
        }
        TokenAnswer answer = token(Map.of("grant_type", "refresh_token", "refresh_token", current.refreshToken()));
        if (answer.error() != null) {
            String error = answer.errorCode();
            if (REFRESH_ERRORS.contains(error)) {
                throw new ProviderFailure(Reason.TOKEN_REJECTED, "Microsoft refused the refresh token: " + error);
            }
            throw new ProviderFailure(Reason.UNAVAILABLE, "Microsoft's token endpoint failed: " + error);
        }
        return tokenOf(answer, current);
    }

    /** Microsoft has no endpoint revoking one delegated refresh token; disconnect deletes the stored one. */
    @Override
    public void revoke(ProviderToken token) {
        // nothing to call: the token expires, and an admin can revoke the app's consent in Entra ID
    }

    private URI redirect() {
        if (redirectUri == null) {
            throw new IllegalStateException("this function has no OAuth callback URL configured");
        }
        return redirectUri;
    }

    private TokenAnswer token(Map<String, String> grant) {
        MicrosoftAppCredentials app = credentials.get();
        Map<String, String> fields = new LinkedHashMap<>(grant);
        fields.put("client_id", app.clientId());
        fields.put("client_secret", app.clientSecret());
        fields.put("scope", SCOPES);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(MicrosoftConfig.join(config.loginBase(),
                        app.directoryTenant() + "/oauth2/v2.0/token")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        HttpResponse<String> response = calls.call(request);
        int status = response.statusCode();
        if (status >= 500) {
            throw new ProviderFailure(Reason.UNAVAILABLE, "Microsoft's token endpoint answered " + status);
        }
        TokenAnswer answer;
        try {
            answer = TokenAnswer.parse(response.body());
        } catch (IOException | RuntimeException e) {
            throw new ProviderFailure(Reason.UNAVAILABLE, "Microsoft's token endpoint answered " + status
                    + " with unreadable JSON");
        }
        if (answer.error() != null) {
            if (answer.errorCode().equals("invalid_client") || answer.errorCode().equals("unauthorized_client")) {
                credentialsRejected.run();
            }
            return answer;
        }
        if (status != 200 || !ProviderCalls.isHeaderSafe(answer.accessToken())
                || (answer.refreshToken() != null && !ProviderCalls.isHeaderSafe(answer.refreshToken()))) {
            throw new ProviderFailure(Reason.UNAVAILABLE, "Microsoft's token endpoint gave no usable token");
        }
        return answer;
    }

    private ProviderToken tokenOf(TokenAnswer answer, ProviderToken previous) {
        // about an hour; a missing expiry is taken as the shortest Microsoft issues, so it is refreshed in time
        long expiresIn = answer.expiresInSeconds() > 0 ? answer.expiresInSeconds() : 3600;
        List<String> scopes = answer.scope() == null ? List.of()
                : Arrays.stream(answer.scope().split(" ")).filter(s -> !s.isBlank()).toList();
        String refresh = answer.refreshToken() != null ? answer.refreshToken()
                : previous == null ? null : previous.refreshToken(); // not rotated this time: keep the one we have
        String directory = directoryOf(answer.accessToken());
        if (directory == null && previous != null) {
            directory = previous.teamId();
        }
        return new ProviderToken(answer.accessToken(), directory, null,
                scopes.isEmpty() && previous != null ? previous.scopes() : scopes, refresh,
                clock.millis() + expiresIn * 1000, null);
    }

    /**
     * The directory (tenant id) the token was issued in, from its {@code tid} claim, for display as the connection's
     * team; null when the token is not a readable JWT (Microsoft calls its access tokens opaque to clients).
     */
    static String directoryOf(String accessToken) {
        String[] parts = accessToken.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(Base64.getUrlDecoder().decode(parts[1]))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("tid") && value == JsonToken.VALUE_STRING
                        && MicrosoftAppCredentials.isDirectoryTenant(parser.getText())) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
