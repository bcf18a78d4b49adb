package io.participants.api.telegram;

import io.participants.api.activations.JsonPaths;
import io.participants.domain.activation.ConfigWebhook;
import io.participants.domain.activation.InboundEvent;
import io.participants.domain.activation.InboundRequest;
import io.participants.domain.activation.InboundVerifier;
import io.participants.domain.activation.WebhookKey;
import io.participants.domain.common.UnauthenticatedException;
import io.participants.domain.integration.Provider;

import java.util.Map;
import java.util.Set;

/**
 * Telegram's webhook check: {@code X-Telegram-Bot-Api-Secret-Token} must be the secret token given to
 * {@code setWebhook} (core.telegram.org/bots/api#setwebhook), stored only as a hash and compared in constant time.
 * An update with a {@code message} is a message from its chat (the channel's address is the chat id), keyed by its
 * {@code update_id} (the same when Telegram redelivers), its text {@code message.text} or, for a photo, video or
 * document, its {@code caption}; other updates are ignored.
 */
public final class TelegramUpdateVerifier implements InboundVerifier {

    private static final Set<String> FIELDS = Set.of("update_id", "message.chat.id", "message.from.is_bot",
            "message.text", "message.caption");

    @Override
    public Set<Provider> providers() {
        return Set.of(Provider.TELEGRAM);
    }

    @Override
    public InboundEvent verify(InboundRequest request, ConfigWebhook webhook) {
        String token = request.header("X-Telegram-Bot-Api-Secret-Token");
        if (token == null || token.length() > 256 || !WebhookKey.matches(token, webhook.secretTokenHash())) {
            throw new UnauthenticatedException("The Telegram secret token does not check out");
        }
        Map<String, String> fields = JsonPaths.read(request.body(), FIELDS);
        String updateId = fields.get("update_id");
        String chat = fields.get("message.chat.id");
        if (updateId == null || updateId.length() > 20 || chat == null || "true".equals(fields.get(
                "message.from.is_bot"))) {
            return new InboundEvent.Ignored("not a message");
        }
        String text = fields.containsKey("message.text") ? fields.get("message.text") : fields.get("message.caption");
        return new InboundEvent.Message(updateId, chat, text);
    }
}
