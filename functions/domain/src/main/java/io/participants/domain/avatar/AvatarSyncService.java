package io.participants.domain.avatar;

import io.participants.domain.common.ConcurrentModificationException;
import io.participants.domain.common.ConflictException;
import io.participants.domain.common.Ids;
import io.participants.domain.common.RefusedException;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.Violations;
import io.participants.domain.connection.ConnectionState;
import io.participants.domain.connection.ProviderToken;
import io.participants.domain.connection.ProviderTokenStore;
import io.participants.domain.connection.TokenRenewal;
import io.participants.domain.integration.IntegrationConfigStore;
import io.participants.domain.integration.Provider;
import io.participants.domain.participant.Avatar;
import io.participants.domain.participant.Channel;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantService;
import io.participants.domain.participant.ParticipantStore;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Pulls a participant's avatar from one of its channels: the channel's provider picks the avatar source, the
 * operator's stored token authorises it, the image is kept in the avatar store under a new file id, and the file id
 * is written on the participant with a conditional write.
 * <p>
 * The order makes every single failure leave the participant as it was and nothing that stays in the store: the
 * upload is stored pending (the store expires it unless committed), committed, and only then pointed to; a failed
 * commit or participant write removes the upload again, and should that removal fail too, a pending upload
 * still expires. Only a participant write and its cleanup failing together leave a committed file that nothing
 * points to: storage, never a participant pointing to a missing file.
 */
public final class AvatarSyncService {

    private final ParticipantStore participants;
    private final IntegrationConfigStore configs;
    private final TokenRenewal tokens;
    private final Map<Provider, AvatarSource> sources;
    private final AvatarStore files;
    private final Clock clock;

    public AvatarSyncService(ParticipantStore participants, IntegrationConfigStore configs, ProviderTokenStore tokens,
                             List<AvatarSource> sources, AvatarStore files, Clock clock) {
        this(participants, configs, new TokenRenewal(tokens, List.of(), clock, TokenRenewal.Pause.SLEEP), sources,
                files, clock);
    }

    /** @param tokens the stored tokens, refreshed where a provider's access tokens expire */
    public AvatarSyncService(ParticipantStore participants, IntegrationConfigStore configs, TokenRenewal tokens,
                             List<AvatarSource> sources, AvatarStore files, Clock clock) {
        this.participants = participants;
        this.configs = configs;
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
        // the address in any spelling: as the channel's provider normalises it, or as a channel stored before
        // addresses were normalised spells it
        Channel channel = participant.channels().stream()
                .filter(c -> c.integrationConfigId().equals(configId)
                        && (c.address().equals(c.provider().normalise(address)) || c.address().equals(address)))
                .findFirst()
                .orElseThrow(() -> new RefusedException("channel-not-found",
                        "The participant has no channel " + address + " on integration config " + configId));
        AvatarSource source = sources.get(channel.provider());
        if (source == null) {
            throw new RefusedException("no-avatar-source",
                    "No avatar source is registered for provider " + channel.provider());
        }
        ProviderToken token = null;
        if (source.needsToken()) {
            token = usableToken(tenant, configId, channel.provider());
        } else if (!configs.find(tenant, configId).map(source::enabledFor).orElse(false)) {
            // a public lookup sends the address (hashed or not) to a third party: only where the config says so
            throw new RefusedException("no-avatar-source", "Integration config " + configId
                    + " does not turn on avatars from " + channel.provider()
                    + (channel.provider() == Provider.EMAIL ? " (set \"gravatar\": true on the config)" : ""));
        }

        RemoteAvatar remote;
        try {
            remote = source.find(token, channel.address());
        } catch (ProviderFailure failure) {
            if (failure.reason() == ProviderFailure.Reason.TOKEN_REJECTED) {
                markRejected(tenant, configId);
            }
            throw failure;
        }
        Avatar current = participant.avatar();
        if (current != null && remote.avatarHash() != null && remote.avatarHash().equals(current.hash())
                && sameSource(current, channel) && files.commit(tenant, current.fileId())) {
            // unchanged image, still stored (the commit doubles as the check, and is a no-op on a committed file)
            return participant;
        }
        AvatarImage image = source.download(token, remote);
        // A source without a fingerprint before the download (Gravatar) is fingerprinted by the image itself.
        String hash = remote.avatarHash() != null ? remote.avatarHash() : contentHash(image.bytes());
        if (remote.avatarHash() == null && current != null && hash.equals(current.hash())
                && sameSource(current, channel) && files.commit(tenant, current.fileId())) {
            return participant;
        }
        String fileId = files.put(tenant, image); // pending: the store expires it unless it is committed
        long now = clock.millis();
        Participant updated = new Participant(participant.tenant(), participant.id(), participant.kind(),
                participant.displayName(), participant.email(), participant.relatedAgentId(), participant.channels(),
                participant.agentIds(), participant.disabledAt(),
                new Avatar(fileId, Avatar.Source.CHANNEL_SYNC, configId, channel.address(), now, hash),
                participant.createdAt(), Math.max(now, participant.modifiedAt()), participant.version() + 1);
        try {
            if (!files.commit(tenant, fileId)) {
                throw new IllegalStateException("the avatar store lost a file it had just stored");
            }
            participants.update(participant, updated);
        } catch (ConcurrentModificationException e) {
            discard(tenant, fileId);
            throw new ConflictException("concurrent-modification",
                    "The participant changed while its avatar was synced; retry");
        } catch (RuntimeException e) {
            discard(tenant, fileId);
            throw e;
        }
        if (current != null && current.fileId() != null) {
            discard(tenant, current.fileId());
        }
        return updated;
    }

    private ProviderToken usableToken(TenantId tenant, UUID configId, Provider provider) {
        try {
            return tokens.usable(tenant, configId, provider).orElseThrow(() -> new RefusedException("not-connected",
                    "Integration config " + configId + (provider.usesOAuth()
                            ? " has no OAuth connection; authorize it first"
                            : " is not connected; connect it with its provider's token first")));
        } catch (ProviderFailure failure) {
            if (failure.reason() != ProviderFailure.Reason.TOKEN_REJECTED) {
                throw failure;
            }
            // the refresh token is dead (revoked, expired, the app's consent withdrawn): only the operator can fix it
            markRejected(tenant, configId);
            throw new RefusedException("not-connected", "Integration config " + configId
                    + " lost its OAuth connection: " + provider + " no longer accepts its refresh token;"
                    + " reconnect it with :authorize");
        }
    }

    /**
     * Removes a file no participant points to. A failure does not change the answer: a pending upload still expires
     * by the store's rule; a committed one (a replaced image, or an upload whose participant write failed) stays
     * until removed by hand (see the README).
     */
    private void discard(TenantId tenant, String fileId) {
        try {
            files.delete(tenant, fileId);
        } catch (RuntimeException ignored) {
            // the participant is consistent either way
        }
    }

    /** The provider refused the config's token: every channel of the config shows it until it is authorized again. */
    private void markRejected(TenantId tenant, UUID configId) {
        try {
            configs.find(tenant, configId)
                    .filter(config -> config.connection() != null
                            && config.connection().state() == ConnectionState.CONNECTED)
                    .ifPresent(config -> configs.setConnection(tenant, configId,
                            config.connection().rejected(clock.millis())));
        } catch (RuntimeException e) {
            // the caller's answer (400 token rejected) does not depend on the mark
        }
    }

    /** The image's own fingerprint, marked so that it never equals a provider's. */
    static String contentHash(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static boolean sameSource(Avatar avatar, Channel channel) {
        return channel.integrationConfigId().equals(avatar.sourceConfigId())
                && channel.address().equals(avatar.sourceAddress());
    }
}
