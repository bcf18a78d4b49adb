package io.participants.api.integrations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code :connect}: the token a provider without OAuth gives the operator (a Telegram bot's). */
@Serdeable
@Schema(name = "ConnectIntegrationConfig")
public record ConnectIntegrationConfigRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 1024,
                description = "The bot token BotFather gave (<bot id>:<secret>); kept in Secrets Manager, never shown"
                        + " again (the config shows a short prefix)")
        @Nullable String botToken) {

    @Override
    public String toString() {
        return "ConnectIntegrationConfigRequest[botToken=" + (botToken == null ? null : "…") + "]";
    }
}
