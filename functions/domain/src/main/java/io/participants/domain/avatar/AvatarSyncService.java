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
 * is written on the participant with a conditional write, in the order {@link AvatarReplacement} keeps (which an
 * upload shares), so that no single failure leaves a participant pointing to a missing file.
 * <p>
 * Two entries: {@link #sync} is the caller's {@code avatar:syncFromChannel}, which replaces any avatar, an uploaded
 * one included; {@link #syncAutomatically} is the auto-sync worker's, which follows the participant's
 * {@code avatarAutoSync} setting and never replaces an uploaded avatar.
 */
public final class AvatarSyncService {

    private final ParticipantStore participants;
    private final IntegrationConfigStore configs;
    private final TokenRenewal tokens;
    private final Map<Provider, AvatarSource> sources;
    private final AvatarStore files;
    private final Clock clock;
    private final AvatarReplacement replacement;

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
        this.replacement = new AvatarReplacement(participants, files, clock);
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
        return syncFrom(tenant, participant, channel, false);
    }

    /**
     * What the auto-sync worker calls for one participant: syncs the avatar from the channel its
     * {@code avatarAutoSync} follows, unless {@link #mayReplaceAutomatically} says no. The write is conditional on
     * the version read here, so an upload landing meanwhile makes this sync lose (409), never be overwritten; the
     * worker's retry then reads the upload and stops.
     *
     * @return the participant as synced; empty when it is gone, auto-sync is off, its avatar was uploaded, or no
     *         channel fits the setting
     */
    public java.util.Optional<Participant> syncAutomatically(TenantId tenant, UUID participantId) {
        return participants.find(tenant, participantId).flatMap(this::syncAutomatically);
    }

    /** As {@link #syncAutomatically(TenantId, UUID)}, for a participant the worker has just read. */
    public java.util.Optional<Participant> syncAutomatically(Participant participant) {
        if (!mayReplaceAutomatically(participant)) {
            return java.util.Optional.empty();
        }
        return followedChannel(participant)
                .map(channel -> syncFrom(participant.tenant(), participant, channel, true));
    }

    /**
     * The channel {@code participant}'s auto-sync follows, among those whose provider has an avatar source here; empty
     * when auto-sync is off or no channel fits. The auto-sync worker paces its provider by it.
     */
    public java.util.Optional<Channel> followedChannel(Participant participant) {
        if (participant.avatarAutoSync() == null) {
            return java.util.Optional.empty();
        }
        return participant.avatarAutoSync().channelOf(participant, c -> sources.containsKey(c.provider()));
    }

    /**
     * The rule of automatic syncs: only with auto-sync enabled, and never over an avatar an operator uploaded (a
     * manual {@code avatar:syncFromChannel} still replaces one: that is the operator's own choice).
     */
    public static boolean mayReplaceAutomatically(Participant participant) {
        return participant.avatarAutoSync() != null && participant.avatarAutoSync().enabled()
                && (participant.avatar() == null || participant.avatar().replaceableByAutomaticSync());
    }

    private Participant syncFrom(TenantId tenant, Participant participant, Channel channel, boolean automatic) {
        UUID configId = channel.integrationConfigId();
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
        try {
            return replacement.replace(participant, image, (fileId, now) -> new Avatar(fileId,
                    Avatar.Source.CHANNEL_SYNC, configId, channel.address(), now, hash, automatic));
        } catch (ConcurrentModificationException e) {
            throw new ConflictException("concurrent-modification",
                    "The participant changed while its avatar was synced; retry");
        }
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
