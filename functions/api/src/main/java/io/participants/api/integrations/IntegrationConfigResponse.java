package io.participants.api.integrations;

import io.micronaut.serde.annotation.Serdeable;
import io.participants.domain.activation.ActivationScope;
import io.participants.domain.connection.Connection;
import io.participants.domain.connection.ConnectionState;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.Provider;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** An integration config as the API shows it. */
@Serdeable
@Schema(name = "IntegrationConfig")
public record IntegrationConfigResponse(
        UUID id,
        @Schema(requiredMode = REQUIRED, type = "string",
                allowableValues = {"SLACK", "EMAIL", "SMS", "WHATSAPP", "TELEGRAM", "MICROSOFT_TEAMS"})
        String provider,
        String name,
        long createdAt,
        ConnectionResponse connection,
        @Schema(nullable = true, description = "EMAIL configs: whether avatars are looked up on Gravatar; absent"
                + " for other providers")
        Boolean gravatar,
        @Schema(nullable = true, example = "PT6H", description = INTERVAL_DESCRIPTION
                + "; null when the config has none")
        String avatarSyncInterval,
        @Schema(nullable = true, description = MESSAGE_TEXT_DESCRIPTION + "; null for EMAIL configs")
        Boolean messageTextInEvents) {

    /** What a config's auto-sync interval is, for the create, update and read schemas alike. */
    static final String INTERVAL_DESCRIPTION = "How long after an automatic avatar sync a participant following one"
            + " of this config's channels is due again: an ISO-8601 duration from PT1H to P30D, shown normalised"
            + " (P1D as PT24H); without it the deployment's interval applies (24 hours unless configured)";

    /** What a config's message text setting is, for the create, update and read schemas alike. */
    static final String MESSAGE_TEXT_DESCRIPTION = "Whether the text of this config's inbound messages is kept with"
            + " their record (7 days) and published as data.text of participants.channel.message_received (at most"
            + " 4,096 characters, then textTruncated); off, the text is neither stored nor published. Not for EMAIL"
            + " configs, which receive no messages: true is refused with no-inbound-messages";

    /** Where the config's connection (OAuth, or a bot token) stands; the token itself is never shown. */
    @Serdeable
    @Schema(name = "IntegrationConnection")
    public record ConnectionResponse(
            @Schema(requiredMode = REQUIRED, type = "string",
                    allowableValues = {"NOT_APPLICABLE", "NOT_CONNECTED", "CONNECTED", "TOKEN_REJECTED"},
                    description = "NOT_APPLICABLE for providers that need no connection (email, SMS, WhatsApp)")
            String status,
            @Schema(requiredMode = REQUIRED, nullable = true, description = "The provider workspace (Slack team id, Telegram bot id)")
            String teamId,
            @Schema(requiredMode = REQUIRED, nullable = true, description = "A short, non-secret token prefix")
            String keyPrefix,
            @Schema(requiredMode = REQUIRED, nullable = true, description = "When the status last changed")
            Long changedAt) {
    }

    static final String NOT_APPLICABLE = "NOT_APPLICABLE";

    public static IntegrationConfigResponse from(IntegrationConfig config) {
        Connection c = config.connection();
        ConnectionResponse connection;
        if (!config.provider().needsConnection()) {
            connection = new ConnectionResponse(NOT_APPLICABLE, null, null, null);
        } else if (c == null) {
            connection = new ConnectionResponse(ConnectionState.NOT_CONNECTED.name(), null, null, null);
        } else {
            connection = new ConnectionResponse(c.state().name(), c.teamId(), c.keyPrefix(), c.changedAt());
        }
        return new IntegrationConfigResponse(config.id(), config.provider().name(), config.name(), config.createdAt(),
                connection, config.provider() == Provider.EMAIL ? config.gravatar() : null,
                config.avatarSyncInterval() == null ? null : config.avatarSyncInterval().toString(),
                ActivationScope.of(config.provider()).isPresent() ? config.messageTextInEvents() : null);
    }
}
