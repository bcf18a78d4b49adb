package io.participants.api.priming;

import java.net.URI;
import java.util.Base64;

/**
 * What the providers' HTTP APIs answer while priming runs: Slack's {@code users.info} (a user with a custom avatar
 * on the image host), {@code oauth.v2.access} and {@code auth.revoke}, Telegram's {@code getMe}, the Microsoft
 * identity platform's token endpoint, and any other URL (an avatar download) a small PNG. Another provider's calls
 * get their canned answer here as it lands.
 */
final class CannedProviderAnswers {

    /** The access token of every canned secret; never valid anywhere. */
    static final String TOKEN = "xoxb-snapstart-priming";
    /** A real 1x1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42"
            + "mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /** The host the canned avatar lives on; the deployable's first allowed image host (see {@link RoutePriming}). */
    private static volatile String imageHost = "avatars.slack-edge.com";

    /** An HTTP answer. */
    record Answer(int status, String contentType, byte[] body) {
    }

    private CannedProviderAnswers() {
    }

    static void imageHost(String host) {
        imageHost = host;
    }

    static Answer answer(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.endsWith("/users.info")) {
            String image = "https://" + imageHost + "/snapstart-priming/avatar_original.png";
            return json("{\"ok\":true,\"user\":{\"id\":\"" + PrimingRequests.SLACK_USER + "\",\"profile\":{"
                    + "\"is_custom_image\":true,\"avatar_hash\":\"priming0hash\",\"image_original\":\"" + image
                    + "\",\"image_512\":\"" + image + "\"}}}");
        }
        if (path.endsWith("/oauth.v2.access")) {
            return json("{\"ok\":true,\"access_token\":\"" + TOKEN + "\",\"token_type\":\"bot\","
                    + "\"scope\":\"users:read\",\"bot_user_id\":\"U0PRIMBOT\",\"team\":{\"id\":\"T0PRIMING\"}}");
        }
        if (path.endsWith("/getMe")) {
            return json("{\"ok\":true,\"result\":{\"id\":7000000000,\"is_bot\":true,\"first_name\":\"Priming\","
                    + "\"username\":\"snapstart_priming_bot\"}}");
        }
        if (path.endsWith("/oauth2/v2.0/token")) {
            return json("{\"token_type\":\"Bearer\",\"scope\":\"https://graph.microsoft.com/User.ReadBasic.All\","
                    + "\"expires_in\":3600,\"access_token\":\"" + TOKEN + "\",\"refresh_token\":\"" + TOKEN + "\"}");
        }
        if (path.endsWith("/auth.revoke")) {
            return json("{\"ok\":true,\"revoked\":true}");
        }
        return new Answer(200, "image/png", PNG);
    }

    private static Answer json(String body) {
        return new Answer(200, "application/json; charset=utf-8",
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
