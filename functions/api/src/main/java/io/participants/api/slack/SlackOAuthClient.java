package io.participants.api.slack;

import io.participants.api.providers.RetryPause;
import io.participants.api.secrets.SlackAppCredentials;
import io.participants.domain.avatar.ProviderFailure;
import io.participants.domain.avatar.ProviderFailure.Reason;
import io.participants.domain.common.RefusedException;
import io.participants.domain.connection.OAuthClient;
import io.participants.domain.connection.ProviderToken;
import io.participants.domain.integration.Provider;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Slack's OAuth v2 flow for a bot token: the {@code oauth/v2/authorize} page with scope {@code users:read},
 * {@code oauth.v2.access} to exchange the callback's code (the app's credentials sent as HTTP Basic), and
 * {@code auth.revoke} on disconnect. The app's client id and secret come from Secrets Manager through
 * {@code credentials}, read when needed.
 */
public final class SlackOAuthClient implements OAuthClient {

    /** What the avatar source needs: reading a user's profile. */
    public static final String SCOPES = "users:read";

    /** Codes Slack gives for a code or redirect the operator can fix by starting again. */
    private static final Set<String> GRANT_ERRORS = Set.of("invalid_code", "code_already_used", "code_expired",
            "bad_redirect_uri", "invalid_grant_type", "oauth_authorization_url_mismatch");

    private final SlackCalls calls;
    private final URI oauthBase;
    private final URI redirectUri;
    private final Supplier<SlackAppCredentials> credentials;
    private final Runnable credentialsRejected;

    /**
     * @param oauthBase           where the authorize page lives, {@code https://slack.com} outside tests
     * @param redirectUri         the callback URL registered with the Slack app
     * @param credentialsRejected called when Slack refuses the app's credentials, so a rotated secret is read again
     */
    public SlackOAuthClient(SlackApiConfig config, RetryPause pause, URI oauthBase, URI redirectUri,
                            Supplier<SlackAppCredentials> credentials, Runnable credentialsRejected) {
        this.calls = new SlackCalls(config, pause);
        this.oauthBase = Objects.requireNonNull(oauthBase, "oauthBase");
        this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.credentialsRejected = Objects.requireNonNull(credentialsRejected, "credentialsRejected");
    }

    @Override
    public Provider provider() {
        return Provider.SLACK;
    }

    @Override
    public URI authorizationUrl(String state) {
        String base = oauthBase.toString();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", credentials.get().clientId());
        query.put("scope", SCOPES);
        query.put("redirect_uri", redirectUri.toString());
        query.put("state", state);
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/oauth/v2/authorize?" + form(query));
    }

    @Override
    public ProviderToken exchange(String code) {
        SlackAppCredentials app = credentials.get();
        String basic = Base64.getEncoder().encodeToString((app.clientId() + ":" + app.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(calls.method("oauth.v2.access")))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("code", code,
                        "redirect_uri", redirectUri.toString()))));
        HttpResponse<String> response = calls.call(request);
        if (response.statusCode() != 200) {
            throw new ProviderFailure(Reason.UNAVAILABLE, "Slack oauth.v2.access answered " + response.statusCode());
        }
        OAuthAccess access;
        try {
            access = OAuthAccess.parse(response.body());
        } catch (IOException e) {
            throw new ProviderFailure(Reason.UNAVAILABLE, "Slack oauth.v2.access answered with unreadable JSON");
        }
        if (!access.ok()) {
            String error = SlackCalls.errorCode(access.error());
            if (GRANT_ERRORS.contains(error)) {
                throw new RefusedException("oauth-code-rejected",
                        "Slack refused the authorization code (" + error + "); authorize the config again");
            }
            if (error.equals("invalid_client_id") || error.equals("bad_client_secret")) {
                credentialsRejected.run();
            }
            throw new ProviderFailure(Reason.UNAVAILABLE, "Slack oauth.v2.access failed: " + error);
        }
        if (!SlackCalls.isHeaderSafe(access.accessToken()) || access.teamId() == null) {
            throw new ProviderFailure(Reason.UNAVAILABLE, "Slack oauth.v2.access gave no usable bot token");
        }
        return new ProviderToken(access.accessToken(), access.teamId(), access.botUserId(), access.scopes());
    }

    @Override
    public void revoke(ProviderToken token) {
        if (!SlackCalls.isHeaderSafe(token.accessToken())) {
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(calls.method("auth.revoke")))
                .header("Authorization", "Bearer " + token.accessToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> response = calls.call(request);
        if (response.statusCode() != 200) {
            throw new ProviderFailure(Reason.UNAVAILABLE, "Slack auth.revoke answered " + response.statusCode());
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
