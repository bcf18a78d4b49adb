package io.participants.api.telegram;

import io.participants.api.providers.RetryPause;
import io.participants.domain.avatar.ProviderFailure;
import io.participants.domain.avatar.ProviderFailure.Reason;
import io.participants.domain.common.FieldError;
import io.participants.domain.common.ValidationException;
import io.participants.domain.connection.ProviderToken;
import io.participants.domain.connection.TokenVerifier;
import io.participants.domain.integration.Provider;

import java.util.List;
import java.util.Map;

/** Checks a Telegram bot token with {@code getMe} before a config keeps it; the bot's id becomes the "team". */
public final class TelegramTokenVerifier implements TokenVerifier {

    private final BotApi api;

    public TelegramTokenVerifier(TelegramApiConfig config, RetryPause pause) {
        this.api = new BotApi(config, pause);
    }

    @Override
    public Provider provider() {
        return Provider.TELEGRAM;
    }

    @Override
    public ProviderToken verify(String token) {
        if (!BotApi.isToken(token)) {
            // the value is never quoted back: it may be a real secret pasted with a typo
            throw new ValidationException(List.of(new FieldError("botToken",
                    "must be a Telegram bot token (<bot id>:<secret>, as BotFather gives it)")));
        }
        Object me = api.call(token, "getMe", Map.of());
        if (!(me instanceof Map<?, ?> bot) || !(bot.get("id") instanceof Number id)) {
            throw new ProviderFailure(Reason.UNAVAILABLE, "Telegram getMe gave no bot");
        }
        if (Boolean.FALSE.equals(bot.get("is_bot"))) {
            throw new ProviderFailure(Reason.TOKEN_REJECTED, "the token is not a bot's");
        }
        String username = bot.get("username") instanceof String u && u.matches("[A-Za-z0-9_]{1,64}") ? u : null;
        return new ProviderToken(token, Long.toString(id.longValue()), username, List.of());
    }
}
