package io.participants.api.slack;

import io.participants.api.activations.JsonPaths;
import io.participants.api.activations.Signatures;
import io.participants.api.secrets.SlackAppCredentials;
import io.participants.domain.activation.ConfigWebhook;
import io.participants.domain.activation.InboundEvent;
import io.participants.domain.activation.InboundRequest;
import io.participants.domain.activation.InboundVerifier;
import io.participants.domain.common.UnauthenticatedException;
import io.participants.domain.integration.Provider;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Slack Events API's request signing: {@code X-Slack-Signature} is {@code v0=} and the hex HMAC-SHA256 of
 * {@code v0:{X-Slack-Request-Timestamp}:{raw body}} with the app's signing secret, and a timestamp more than five
 * minutes from now is refused, so a captured request cannot be replayed later
 * (api.slack.com/authentication/verifying-requests-from-slack). Then the body: a {@code url_verification} is answered
 * with its challenge, a user's {@code message} event is a message from that user's channel, keyed by its
 * {@code event_id} (the same on Slack's retries), its text {@code event.text}; anything else is ignored.
 */
public final class SlackEventsVerifier implements InboundVerifier {

    public static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");
    private static final Set<String> FIELDS = Set.of("type", "challenge", "event_id", "event.type", "event.subtype",
            "event.user", "event.bot_id", "event.text");

    private final Supplier<SlackAppCredentials> app;
    private final Clock clock;

    public SlackEventsVerifier(Supplier<SlackAppCredentials> app, Clock clock) {
        this.app = app;
        this.clock = clock;
    }

    @Override
    public Set<Provider> providers() {
        return Set.of(Provider.SLACK);
    }

    @Override
    public InboundEvent verify(InboundRequest request, ConfigWebhook webhook) {
        String timestamp = request.header("X-Slack-Request-Timestamp");
        String signature = request.header("X-Slack-Signature");
        if (timestamp == null || signature == null || !SECONDS.matcher(timestamp).matches()) {
            throw new UnauthenticatedException("The request carries no Slack signature and timestamp");
        }
        long age = Math.abs(clock.millis() / 1000 - Long.parseLong(timestamp));
        if (age > REPLAY_WINDOW.toSeconds()) {
            throw new UnauthenticatedException("The Slack request timestamp is more than five minutes from now");
        }
        String secret = app.get().signingKey();
        if (secret == null) {
            throw new UnauthenticatedException("No Slack signing secret is stored with the Slack app's credentials");
        }
        if (!Signatures.equal(sign(secret, timestamp, request.body()), signature)) {
            throw new UnauthenticatedException("The Slack signature does not check out");
        }
        Map<String, String> fields = JsonPaths.read(request.body(), FIELDS);
        String type = fields.get("type");
        if ("url_verification".equals(type) && fields.get("challenge") != null) {
            return new InboundEvent.Challenge(fields.get("challenge"));
        }
        String eventId = fields.get("event_id");
        String user = fields.get("event.user");
        if (!"event_callback".equals(type) || !"message".equals(fields.get("event.type"))
                || fields.containsKey("event.subtype") || fields.containsKey("event.bot_id")
                || eventId == null || eventId.length() > 200 || user == null) {
            return new InboundEvent.Ignored("not a user's message");
        }
        return new InboundEvent.Message(eventId, user, fields.get("event.text"));
    }

    /** The {@code X-Slack-Signature} Slack sends for {@code body} at {@code timestamp}: for tests and local mode. */
    public static String sign(String signingSecret, String timestamp, byte[] body) {
        ByteArrayOutputStream base = new ByteArrayOutputStream();
        base.writeBytes(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
        base.writeBytes(body);
        return "v0=" + HexFormat.of().formatHex(Signatures.hmacSha256(signingSecret, base.toByteArray()));
    }
}
