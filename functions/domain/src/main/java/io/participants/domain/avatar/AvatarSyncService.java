package io.participants.domain.avatar;

import io.participants.domain.common.ConcurrentModificationException;
import io.participants.domain.common.ConflictException;
import io.participants.domain.common.Ids;
import io.participants.domain.common.RefusedException;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.Violations;
import io.participants.domain.connection.ProviderToken;
import io.participants.domain.connection.ProviderTokenStore;
import io.participants.domain.integration.Provider;
import io.participants.domain.participant.Avatar;
import io.participants.domain.participant.Channel;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantService;
import io.participants.domain.participant.ParticipantStore;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Pulls a participant's avatar from one of its channels: the channel's provider picks the avatar source, the
 * operator's stored token authorises it, the image is kept in the avatar store under a new file id, and the file id
 * is written on the participant with a conditional write. An upload whose write fails is removed again, so no
 * participant ever points to a missing file and no stored file is left pointing nowhere.
 */
public final class AvatarSyncService {

    private final ParticipantStore participants;
    private final ProviderTokenStore tokens;
    private final Map<Provider, AvatarSource> sources;
    private final AvatarStore files;
    private final Clock clock;

    public AvatarSyncService(ParticipantStore participants, ProviderTokenStore tokens, List<AvatarSource> sources,
                             AvatarStore files, Clock clock) {
        this.participants = participants;
        this.tokens = tokens;
        this.sources = sources.stream().collect(Collectors.toUnmodifiableMap(AvatarSource::provider,
                Function.identity()));
        this.files = files;
        this.clock = clock;
    }

    public Participant sync(TenantId tenant, UUID participantId, String integrationConfigId, String address) {
        Violations v = new Violations();
        UUID configId = Ids.parse(integrationConfigId).orElse(null);
        v.check(configId != null, "integrationConfigId", "must be a UUID");
        v.check(address != null && !address.isEmpty(), "address", "is required");
        v.throwIfAny();

        Participant participant = participants.find(tenant, participantId)
                .orElseThrow(() -> ParticipantService.notFound(participantId));
        Channel channel = participant.channels().stream()
                .filter(c -> c.integrationConfigId().equals(configId) && c.address().equals(address))
                .findFirst()
                .orElseThrow(() -> new RefusedException("channel-not-found",
                        "The participant has no channel " + address + " on integration config " + configId));
        AvatarSource source = sources.get(channel.provider());
        if (source == null) {
            throw new RefusedException("no-avatar-source",
                    "No avatar source is registered for provider " + channel.provider());
        }
        ProviderToken token = tokens.find(tenant, configId).orElseThrow(() -> new RefusedException("not-connected",
                "Integration config " + configId + " has no OAuth connection; authorize it first"));

        RemoteAvatar remote = source.find(token, address);
        Avatar current = participant.avatar();
        if (current != null && remote.avatarHash() != null && remote.avatarHash().equals(current.hash())
                && sameSource(current, channel)) {
            return participant;
        }
        AvatarImage image = source.download(remote);
        String fileId = files.put(tenant, image);
        long now = clock.millis();
        Participant updated = new Participant(participant.tenant(), participant.id(), participant.kind(),
                participant.displayName(), participant.email(), participant.relatedAgentId(), participant.channels(),
                participant.agentIds(), participant.disabledAt(),
                new Avatar(fileId, channel.provider().name().toLowerCase(Locale.ROOT), configId, address, now,
                        remote.avatarHash()),
                participant.createdAt(), Math.max(now, participant.modifiedAt()), participant.version() + 1);
        try {
            participants.update(participant, updated);
        } catch (ConcurrentModificationException e) {
            files.delete(tenant, fileId);
            throw new ConflictException("concurrent-modification",
                    "The participant changed while its avatar was synced; retry");
        } catch (RuntimeException e) {
            files.delete(tenant, fileId);
            throw e;
        }
        if (current != null && current.fileId() != null) {
            // The old image is no longer referenced; a failure here leaves an orphan for the bucket's lifecycle rule.
            try {
                files.delete(tenant, current.fileId());
            } catch (RuntimeException ignored) {
                // the participant is already consistent; the orphan expires
            }
        }
        return updated;
    }

    private static boolean sameSource(Avatar avatar, Channel channel) {
        return channel.integrationConfigId().equals(avatar.sourceConfigId())
                && channel.address().equals(avatar.sourceAddress());
    }
}
