package io.participants.api.participants;

import io.micronaut.serde.annotation.Serdeable;
import io.participants.domain.activation.ChannelActivation;
import io.participants.domain.participant.Avatar;
import io.participants.domain.participant.ChannelHealth;
import io.participants.domain.participant.HealthReason;
import io.participants.domain.participant.KeyStatus;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantHealth;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** A participant as the API shows it; field names and shapes follow the public API page exactly. */
@Serdeable
@Schema(name = "Participant")
public record ParticipantResponse(
        UUID id,
        @Schema(requiredMode = REQUIRED, type = "string", allowableValues = {"PERSON", "GROUP", "AI_AGENT"})
        String kind,
        String displayName,
        @Schema(requiredMode = REQUIRED, nullable = true) String email,
        @Schema(requiredMode = REQUIRED, nullable = true) String relatedAgentId,
        List<ChannelResponse> channels,
        List<String> agentIds,
        @Schema(requiredMode = REQUIRED, nullable = true, description = "Null while enabled") Long disabledAt,
        HealthResponse health,
        List<ChannelActivationResponse> channelActivations,
        @Schema(requiredMode = REQUIRED, nullable = true) String avatarFileId,
        @Schema(requiredMode = REQUIRED, nullable = true, type = "string", allowableValues = {"CHANNEL_SYNC", "UPLOADED"},
                description = "How the avatar was set: CHANNEL_SYNC by avatar:syncFromChannel (or auto-sync),"
                        + " UPLOADED by PUT .../avatar; null without avatar")
        String avatarSource,
        @Schema(requiredMode = REQUIRED, nullable = true,
                description = "The integration config of the channel the avatar was synced from")
        UUID avatarSourceConfigId,
        @Schema(requiredMode = REQUIRED, nullable = true,
                description = "The address of the channel the avatar was synced from")
        String avatarSourceAddress,
        @Schema(requiredMode = REQUIRED, nullable = true, description = "When the avatar was synced or uploaded (epoch ms)")
        Long avatarSyncedAt,
        @Schema(requiredMode = REQUIRED) AvatarAutoSyncBody avatarAutoSync,
        long createdAt,
        long modifiedAt) {

    /** A channel of the participant. */
    @Serdeable
    @Schema(name = "Channel")
    public record ChannelResponse(UUID integrationConfigId, String address, int priority,
                                  @Schema(requiredMode = REQUIRED, nullable = true) String label,
                                  boolean disabled) {
    }

    /** Computed reachability of the participant. */
    @Serdeable
    @Schema(name = "ParticipantHealth")
    public record HealthResponse(
            boolean reachable,
            List<ChannelHealthResponse> channels,
            // Inline, not a $ref to HealthReason: the referenced enum schema would still refuse null.
            @Schema(requiredMode = REQUIRED, nullable = true, type = "string", implementation = String.class,
                    allowableValues = {"INVALID_FORMAT", "NOT_CONNECTED", "KEY_REJECTED", "NO_CHANNELS",
                            "ALL_CHANNELS_DISABLED"},
                    description = "Null when reachable")
            HealthReason reason) {
    }

    /** Computed state of one channel. */
    @Serdeable
    @Schema(name = "ChannelHealth")
    public record ChannelHealthResponse(
            String address,
            @Schema(requiredMode = REQUIRED, nullable = true, type = "string", implementation = String.class,
                    allowableValues = {"INVALID_FORMAT", "NOT_CONNECTED", "KEY_REJECTED"},
                    description = "Null when the channel can be used: its address fits its provider and its key works")
            HealthReason reason,
            KeyStatus keyStatus,
            @Schema(requiredMode = REQUIRED, nullable = true) String keyPrefix,
            @Schema(requiredMode = REQUIRED, nullable = true) Long lastMessageAt) {
    }

    /**
     * The inbound endpoint delivering one channel's messages to one bound agent: per config, the config's webhook
     * (template and key prefix; the full URL comes from {@code :generateWebhookUrl} once); per binding, its own
     * (the full URL and clientState only in the answer that created or rotated it).
     */
    @Serdeable
    @Schema(name = "ChannelActivation")
    public record ChannelActivationResponse(
            String agentId, UUID bindingId, UUID integrationConfigId,
            @Schema(type = "string", allowableValues = {"SLACK", "SMS", "WHATSAPP", "TELEGRAM", "MICROSOFT_TEAMS"})
            String provider,
            String address,
            @Schema(requiredMode = REQUIRED, nullable = true,
                    description = "The full URL with its key: only in the answer that created a per-binding"
                            + " activation; null otherwise")
            String webhookUrl,
            String webhookUrlTemplate,
            String webhookKeyPrefix,
            @Schema(type = "string", allowableValues = {"PER_CONFIG", "PER_BINDING"}) String scope,
            @Schema(requiredMode = REQUIRED, nullable = true,
                    description = "The secret to give a Microsoft Graph subscription as clientState (Graph echoes it"
                            + " in every notification): only in the answer that created or rotated a per-binding"
                            + " activation; null otherwise")
            String clientState) {

        static ChannelActivationResponse of(ChannelActivation a) {
            return new ChannelActivationResponse(a.agentId(), a.bindingId(), a.integrationConfigId(),
                    a.provider().name(), a.address(), a.webhookUrl(), a.webhookUrlTemplate(), a.webhookKeyPrefix(),
                    a.scope().name(), a.clientState());
        }

        /** Never the URL's key nor the clientState. */
        @Override
        public String toString() {
            return "ChannelActivationResponse[agentId=" + agentId + ", webhookKeyPrefix=" + webhookKeyPrefix + "]";
        }
    }

    /** Without activations (a participant no agent is bound to, or none of whose channels is activated). */
    public static ParticipantResponse from(Participant p, ParticipantHealth health) {
        return from(p, health, List.of());
    }

    public static ParticipantResponse from(Participant p, ParticipantHealth health,
                                           List<ChannelActivation> activations) {
        Avatar avatar = p.avatar();
        return new ParticipantResponse(p.id(), p.kind().name(), p.displayName(), p.email(), p.relatedAgentId(),
                p.channels().stream().map(c -> new ChannelResponse(c.integrationConfigId(), c.address(), c.priority(),
                        c.label(), c.disabled())).toList(),
                List.copyOf(p.agentIds()),
                p.disabledAt(),
                new HealthResponse(health.reachable(), health.channels().stream().map(ParticipantResponse::of).toList(),
                        health.reason()),
                activations.stream().map(ChannelActivationResponse::of).toList(),
                p.avatarFileId(),
                avatar == null || avatar.source() == null ? null : avatar.source().name(),
                avatar == null ? null : avatar.sourceConfigId(),
                avatar == null ? null : avatar.sourceAddress(),
                avatar == null ? null : avatar.syncedAt(),
                AvatarAutoSyncBody.of(p.avatarAutoSync()),
                p.createdAt(),
                p.modifiedAt());
    }

    private static ChannelHealthResponse of(ChannelHealth h) {
        return new ChannelHealthResponse(h.address(), h.reason(), h.keyStatus(), h.keyPrefix(), h.lastMessageAt());
    }
}
