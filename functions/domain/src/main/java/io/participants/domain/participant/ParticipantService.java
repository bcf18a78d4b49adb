package io.participants.domain.participant;

import io.participants.domain.avatar.AvatarStore;
import io.participants.domain.common.ConcurrentModificationException;
import io.participants.domain.common.ConflictException;
import io.participants.domain.common.Ids;
import io.participants.domain.common.NotFoundException;
import io.participants.domain.common.Page;
import io.participants.domain.common.PageRequest;
import io.participants.domain.common.PreconditionFailedException;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.ValidationException;
import io.participants.domain.common.Violations;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.IntegrationConfigService;
import io.participants.domain.integration.IntegrationConfigStore;
import io.participants.domain.integration.Provider;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** Use cases of the participant directory. */
public final class ParticipantService {

    /** The agents one participant may be bound to at most. */
    public static final int MAX_AGENTS = ParticipantRules.MAX_AGENTS;

    /** Per-binding activations one participant may have at most (agents times per-binding channels). */
    public static final int MAX_BINDING_ACTIVATIONS = 10;

    /** Read-merge-write attempts for an update without If-Match before the caller is told to retry. */
    static final int MAX_ATTEMPTS = 3;

    private final ParticipantStore participants;
    private final IntegrationConfigStore configs;
    private final Supplier<AvatarStore> avatars;
    private final Clock clock;
    private final Ids ids;
    private final BindingKeyIssuer issuer;

    /**
     * @param avatars the avatar store, asked for only when a participant's avatar file must be removed (cleared or
     *                deleted with it), so that routes which never remove one never build its client
     */
    public ParticipantService(ParticipantStore participants, IntegrationConfigStore configs,
                              Supplier<AvatarStore> avatars, Clock clock) {
        this(participants, configs, avatars, clock, BindingKeyIssuer.NONE);
    }

    /** @param issuer makes the keys of per-binding activations, issued by the writes that create their pairs */
    public ParticipantService(ParticipantStore participants, IntegrationConfigStore configs,
                              Supplier<AvatarStore> avatars, Clock clock, BindingKeyIssuer issuer) {
        this.issuer = issuer;
        this.participants = participants;
        this.configs = configs;
        this.avatars = avatars;
        this.clock = clock;
        this.ids = new Ids(clock);
    }

    public Participant create(TenantId tenant, NewParticipant input) {
        return createWritten(tenant, input).participant();
    }

    /** As {@link #create}, with the per-binding activation keys it issued (shown once, in its answer). */
    public ParticipantWrite createWritten(TenantId tenant, NewParticipant input) {
        Violations v = new Violations();
        ParticipantKind kind = input.kind() == null ? ParticipantKind.PERSON
                : ParticipantKind.parse(input.kind()).orElse(null);
        v.check(kind != null, "kind", "must be one of PERSON, GROUP, AI_AGENT");
        ParticipantRules.displayName(v, input.displayName());
        ParticipantRules.email(v, input.email());
        ParticipantRules.relatedAgentId(v, input.relatedAgentId());
        List<ParticipantRules.ParsedChannel> parsed = ParticipantRules.channels(v, input.channels());
        Set<String> agentIds = ParticipantRules.agentIds(v, input.agentIds());
        AvatarAutoSync autoSync = ParticipantRules.avatarAutoSync(v, input.avatarAutoSync());
        v.throwIfAny();
        List<Channel> channels = resolve(tenant, parsed);
        autoSync = followedChannel(autoSync, channels);
        long now = clock.millis();
        Participant participant = new Participant(tenant, ids.next(), kind, input.displayName(), input.email(),
                input.relatedAgentId(), channels, new java.util.TreeSet<>(agentIds), null, null, autoSync, now, now,
                1);
        List<IssuedBindingKey> issued = issue(null, participant);
        participants.create(participant, stored(issued));
        return new ParticipantWrite(participant, issued);
    }

    /**
     * The (binding, channel) pairs of {@code participant} that are activated per binding.
     *
     * @throws io.participants.domain.common.RefusedException when there would be more than
     *                                                        {@link #MAX_BINDING_ACTIVATIONS}
     */
    public List<BindingSlot> bindingSlots(Participant participant) {
        List<BindingSlot> slots = new java.util.ArrayList<>();
        for (String agentId : participant.agentIds()) {
            for (Channel channel : participant.channels()) {
                if (issuer.perBinding(channel.provider())) {
                    slots.add(new BindingSlot(agentId, channel.key()));
                }
            }
        }
        if (slots.size() > MAX_BINDING_ACTIVATIONS) {
            throw new io.participants.domain.common.RefusedException("too-many-activations",
                    "A participant may have at most " + MAX_BINDING_ACTIVATIONS + " per-binding activations (its"
                            + " agents times its Microsoft Teams channels); this change would make " + slots.size());
        }
        return List.copyOf(slots);
    }

    /** New keys for the pairs {@code after} has and {@code before} (null: none) had not. */
    private List<IssuedBindingKey> issue(Participant before, Participant after) {
        Set<BindingSlot> existing = before == null ? Set.of() : new java.util.HashSet<>(bindingSlots(before));
        long now = clock.millis();
        Map<ChannelKey, Provider> providers = new java.util.HashMap<>();
        after.channels().forEach(c -> providers.put(c.key(), c.provider()));
        return bindingSlots(after).stream().filter(s -> !existing.contains(s))
                .map(s -> issuer.issue(s, providers.get(s.channel()), now)).toList();
    }

    private static List<BindingKey> stored(List<IssuedBindingKey> issued) {
        return issued.stream().map(IssuedBindingKey::stored).toList();
    }

    public Participant get(TenantId tenant, UUID id) {
        return participants.find(tenant, id).orElseThrow(() -> notFound(id));
    }

    /**
     * The participant holding the channel of {@code address} on integration config {@code integrationConfigId},
     * whatever the spelling of the address: it is looked up as the config's provider normalises it, then, for a
     * channel stored before addresses were normalised, as given. Two reads: the config with the claims of every
     * spelling the address could be stored under (the provider is not known before the config is read), then the
     * holder.
     */
    public ChannelHolder findByChannel(TenantId tenant, String integrationConfigId, String address) {
        Violations v = new Violations();
        UUID configId = ParticipantRules.lookupConfigId(v, integrationConfigId);
        ParticipantRules.lookupAddress(v, address);
        v.throwIfAny();
        ChannelClaims claims = participants.findClaims(tenant, configId, Provider.spellings(address));
        if (claims.config() == null) {
            throw IntegrationConfigService.notFound(configId);
        }
        String normalised = claims.config().provider().normalise(address);
        String held = claims.holders().containsKey(normalised) ? normalised
                : claims.holders().containsKey(address) ? address : null;
        if (held == null) {
            throw noHolder(configId, normalised);
        }
        // claim and participant are written in one transaction; should they ever disagree, there is no holder
        ChannelKey channel = new ChannelKey(configId, held);
        return participants.find(tenant, claims.holders().get(held))
                .filter(p -> p.channels().stream().anyMatch(c -> c.key().equals(channel)))
                .map(p -> new ChannelHolder(p, claims.config()))
                .orElseThrow(() -> noHolder(configId, normalised));
    }

    private static NotFoundException noHolder(UUID configId, String address) {
        return new NotFoundException("No participant holds the address " + address + " on integration config "
                + configId);
    }

    public Page<Participant> list(TenantId tenant, PageRequest page, String agentId) {
        if (agentId != null && !ParticipantRules.isAgentId(agentId)) {
            throw ValidationException.of("agentId", "is not a valid agent id");
        }
        return participants.list(tenant, page, agentId);
    }

    /**
     * Applies a merge patch. With {@code ifMatch} the write happens only on that version (else 412); without it,
     * the patch is re-applied to the fresh state when another writer got there first, so no other writer's change
     * to a field the patch does not name is lost. A named field is set as given, last writer winning: that includes
     * the whole {@code agentIds} set and {@code channels} list, so concurrent additions to them need If-Match or,
     * for agents, the binding use cases.
     */
    public Participant update(TenantId tenant, UUID id, ParticipantChanges changes, Long ifMatch) {
        return updateWritten(tenant, id, changes, ifMatch).participant();
    }

    /** As {@link #update}, with the per-binding activation keys it issued (shown once, in its answer). */
    public ParticipantWrite updateWritten(TenantId tenant, UUID id, ParticipantChanges changes, Long ifMatch) {
        Violations v = new Violations();
        if (changes.kind() != null) {
            v.check(ParticipantKind.parse(changes.kind()).isPresent(), "kind", "must be one of PERSON, GROUP, AI_AGENT");
        }
        if (changes.displayName() != null) {
            ParticipantRules.displayName(v, changes.displayName());
        }
        ParticipantRules.email(v, changes.email());
        ParticipantRules.relatedAgentId(v, changes.relatedAgentId());
        List<ParticipantRules.ParsedChannel> parsed = ParticipantRules.channels(v, changes.channels());
        Set<String> agentIds = ParticipantRules.agentIds(v, changes.agentIds());
        v.check(changes.avatarFileId() == null || changes.avatarFileId().isEmpty(), "avatarFileId",
                "can only be cleared with \"\"; avatars are set by avatar:syncFromChannel or PUT .../avatar");
        AvatarAutoSync autoSync = ParticipantRules.avatarAutoSync(v, changes.avatarAutoSync());
        v.throwIfAny();
        List<Channel> channels = changes.channels() == null ? null : resolve(tenant, parsed);

        for (int attempt = 1; ; attempt++) {
            Participant current = get(tenant, id);
            checkVersion(current, ifMatch);
            if (changes.kind() != null && !changes.kind().equals(current.kind().name())) {
                throw ValidationException.of("kind", "cannot be changed after the participant is created");
            }
            Participant updated = merge(current, changes, channels, agentIds, autoSync);
            if (updated.equals(current)) {
                return new ParticipantWrite(current, List.of());
            }
            List<IssuedBindingKey> issued = issue(current, updated);
            try {
                participants.update(current, updated, stored(issued), null);
                if (updated.avatar() == null) {
                    removeAvatarFile(current);
                }
                return new ParticipantWrite(updated, issued);
            } catch (ConcurrentModificationException e) {
                if (ifMatch != null) {
                    throw preconditionFailed();
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw new ConflictException("concurrent-modification",
                            "The participant is being changed by other requests; retry");
                }
            }
        }
    }

    public void delete(TenantId tenant, UUID id, Long ifMatch) {
        for (int attempt = 1; ; attempt++) {
            Participant current = get(tenant, id);
            checkVersion(current, ifMatch);
            try {
                participants.delete(current);
                removeAvatarFile(current);
                return;
            } catch (ConcurrentModificationException e) {
                if (ifMatch != null) {
                    throw preconditionFailed();
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw new ConflictException("concurrent-modification",
                            "The participant is being changed by other requests; retry");
                }
            }
        }
    }

    /** Disables the participant; disabling again keeps the first timestamp. Channel flags stay as they are. */
    public Participant disable(TenantId tenant, UUID id) {
        return participants.setDisabled(tenant, id, true, clock.millis()).orElseThrow(() -> notFound(id));
    }

    public Participant enable(TenantId tenant, UUID id) {
        return participants.setDisabled(tenant, id, false, clock.millis()).orElseThrow(() -> notFound(id));
    }

    /** Binds the participant to an agent; binding twice is the same as once. */
    public void bind(TenantId tenant, UUID id, String agentId) {
        setBinding(tenant, id, agentId, true);
    }

    /**
     * As {@link #bind}; when the binding is new and the participant has channels activated per binding, the
     * participant with the keys the binding issued (shown once, in its answer), else empty.
     */
    public java.util.Optional<ParticipantWrite> bindWritten(TenantId tenant, UUID id, String agentId) {
        return setBinding(tenant, id, agentId, true);
    }

    public void unbind(TenantId tenant, UUID id, String agentId) {
        setBinding(tenant, id, agentId, false);
    }

    /**
     * The participant is read first. Without per-binding channels it is bound in one write conditional on still
     * having none (not on its version, so binds of distinct agents do not conflict); with them, the binding's keys
     * are issued (or retired) for exactly the channels it has, and the write is conditional on that version. A PATCH
     * that adds a Teams channel meanwhile fails either write, and the read-decide-write is retried as a PATCH is
     * (then 409 {@code concurrent-modification}), so no (agent, channel) pair is left without its key.
     */
    private java.util.Optional<ParticipantWrite> setBinding(TenantId tenant, UUID id, String agentId, boolean bound) {
        if (!ParticipantRules.isAgentId(agentId)) {
            throw ValidationException.of("agentId", "is not a valid agent id");
        }
        for (int attempt = 1; ; attempt++) {
            Participant current = get(tenant, id);
            boolean perBinding = current.channels().stream().anyMatch(c -> issuer.perBinding(c.provider()));
            if (!perBinding) {
                try {
                    if (!participants.setBinding(tenant, id, agentId, bound, clock.millis())) {
                        throw notFound(id);
                    }
                    return java.util.Optional.empty();
                } catch (ConcurrentModificationException e) {
                    if (attempt >= MAX_ATTEMPTS) {
                        throw new ConflictException("concurrent-modification",
                                "The participant is being changed by other requests; retry");
                    }
                    continue;
                }
            }
            if (current.agentIds().contains(agentId) == bound) {
                return java.util.Optional.empty();
            }
            if (bound && current.agentIds().size() >= MAX_AGENTS) {
                throw new ConflictException("too-many-bindings",
                        "The participant is already bound to the maximum of " + MAX_AGENTS + " agents");
            }
            java.util.SortedSet<String> agents = new java.util.TreeSet<>(current.agentIds());
            if (bound) {
                agents.add(agentId);
            } else {
                agents.remove(agentId);
            }
            Participant updated = new Participant(current.tenant(), current.id(), current.kind(),
                    current.displayName(), current.email(), current.relatedAgentId(), current.channels(), agents,
                    current.disabledAt(), current.avatar(), current.avatarAutoSync(), current.createdAt(),
                    Math.max(clock.millis(), current.modifiedAt()), current.version() + 1);
            List<IssuedBindingKey> issued = issue(current, updated);
            try {
                participants.update(current, updated, stored(issued),
                        new ParticipantStore.BindingChange(agentId, bound));
                return issued.isEmpty() ? java.util.Optional.empty()
                        : java.util.Optional.of(new ParticipantWrite(updated, issued));
            } catch (ConcurrentModificationException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new ConflictException("concurrent-modification",
                            "The participant is being changed by other requests; retry");
                }
            }
        }
    }

    /**
     * Removes the avatar file a participant pointed to before its write. A failure leaves an unreferenced file but
     * does not fail the request, which has already changed the participant.
     */
    private void removeAvatarFile(Participant before) {
        if (before.avatar() == null || before.avatar().fileId() == null) {
            return;
        }
        try {
            avatars.get().delete(before.tenant(), before.avatar().fileId());
        } catch (RuntimeException ignored) {
            // see docs/api.md, "Avatars": such a file is found by its missing reference and removed by hand
        }
    }

    /** Whether {@code value} is a valid agent id, as bindings take them. */
    public static boolean isAgentId(String value) {
        return ParticipantRules.isAgentId(value);
    }

    public static NotFoundException notFound(UUID id) {
        return new NotFoundException("Participant " + id + " was not found");
    }

    private static PreconditionFailedException preconditionFailed() {
        return new PreconditionFailedException("The participant has changed since the version given in If-Match");
    }

    private static void checkVersion(Participant current, Long ifMatch) {
        if (ifMatch != null && ifMatch != current.version()) {
            throw preconditionFailed();
        }
    }

    private Participant merge(Participant current, ParticipantChanges changes, List<Channel> channels,
                              Set<String> agentIds, AvatarAutoSync autoSync) {
        Avatar avatar = changes.avatarFileId() == null ? current.avatar() : null;
        List<Channel> mergedChannels = channels != null ? channels : current.channels();
        // the setting, new or kept, must name a channel the participant still has
        AvatarAutoSync mergedAutoSync = followedChannel(autoSync != null ? autoSync : current.avatarAutoSync(),
                mergedChannels);
        Participant merged = new Participant(current.tenant(), current.id(), current.kind(),
                changes.displayName() != null ? changes.displayName() : current.displayName(),
                changes.email() != null ? changes.email() : current.email(),
                changes.relatedAgentId() != null ? changes.relatedAgentId() : current.relatedAgentId(),
                mergedChannels,
                changes.agentIds() != null ? new java.util.TreeSet<>(agentIds) : current.agentIds(),
                current.disabledAt(), avatar, mergedAutoSync, current.createdAt(), current.modifiedAt(),
                current.version());
        if (merged.equals(current)) {
            return current;
        }
        return new Participant(merged.tenant(), merged.id(), merged.kind(), merged.displayName(), merged.email(),
                merged.relatedAgentId(), merged.channels(), merged.agentIds(), merged.disabledAt(),
                merged.avatar(), merged.avatarAutoSync(), merged.createdAt(),
                Math.max(clock.millis(), current.modifiedAt()),
                current.version() + 1);
    }

    /**
     * The auto-sync setting with its named address spelled as the participant's channel spells it (any spelling the
     * channel's provider reads as that address is accepted, as in {@code avatar:syncFromChannel}).
     *
     * @throws ValidationException when it names a channel that is not one of {@code channels}
     */
    private static AvatarAutoSync followedChannel(AvatarAutoSync autoSync, List<Channel> channels) {
        if (autoSync == null || !autoSync.namesChannel()) {
            return autoSync;
        }
        return channels.stream()
                .filter(c -> c.integrationConfigId().equals(autoSync.integrationConfigId())
                        && (c.address().equals(autoSync.address())
                        || c.address().equals(c.provider().normalise(autoSync.address()))))
                .findFirst()
                .map(c -> new AvatarAutoSync(autoSync.enabled(), c.integrationConfigId(), c.address()))
                .orElseThrow(() -> ValidationException.of("avatarAutoSync",
                        "must name one of the participant's channels (integrationConfigId and address)"));
    }

    /**
     * The health of each participant, by id, with the connection state of their channels' configs read in one
     * batch. Configs are read only for channels whose provider uses OAuth; the others need no key.
     */
    public Map<UUID, ParticipantHealth> health(TenantId tenant, List<Participant> shown) {
        return health(tenant, shown, List.of());
    }

    /** As {@link #health(TenantId, List)}, reading none of {@code alreadyRead}, configs this request has read. */
    public Map<UUID, ParticipantHealth> health(TenantId tenant, List<Participant> shown,
                                               List<IntegrationConfig> alreadyRead) {
        Map<UUID, IntegrationConfig> found = new java.util.HashMap<>();
        alreadyRead.forEach(config -> found.put(config.id(), config));
        List<UUID> oauthConfigs = shown.stream().flatMap(p -> p.channels().stream())
                .filter(c -> c.provider().needsConnection())
                .map(Channel::integrationConfigId).distinct()
                .filter(id -> !found.containsKey(id)).toList();
        if (!oauthConfigs.isEmpty()) {
            found.putAll(configs.findAll(tenant, oauthConfigs));
        }
        Map<UUID, ParticipantHealth> health = new java.util.LinkedHashMap<>();
        for (Participant participant : shown) {
            health.put(participant.id(), ParticipantHealth.of(participant.channels(), found));
        }
        return health;
    }

    /**
     * Looks up the configs the channels name, in one read, copies each one's provider onto its channels and writes
     * each address as that provider normalises it; two spellings of one address on one config are one channel, so
     * the second is refused as a repeat.
     */
    private List<Channel> resolve(TenantId tenant, List<ParticipantRules.ParsedChannel> parsed) {
        if (parsed.isEmpty()) {
            return List.of();
        }
        Map<UUID, IntegrationConfig> found = configs.findAll(tenant,
                parsed.stream().map(ParticipantRules.ParsedChannel::integrationConfigId).distinct().toList());
        Violations v = new Violations();
        List<Channel> channels = new java.util.ArrayList<>();
        Set<ChannelKey> seen = new java.util.HashSet<>();
        for (int i = 0; i < parsed.size(); i++) {
            ParticipantRules.ParsedChannel c = parsed.get(i);
            IntegrationConfig config = found.get(c.integrationConfigId());
            if (!v.check(config != null, "channels[" + i + "].integrationConfigId",
                    "is not an integration config of this tenant")) {
                continue;
            }
            Channel channel = new Channel(c.integrationConfigId(), config.provider().normalise(c.address()),
                    c.priority(), c.label(), c.disabled(), config.provider());
            if (v.check(seen.add(channel.key()), "channels[" + i + "]", ParticipantRules.REPEATED_CHANNEL)) {
                channels.add(channel);
            }
        }
        v.throwIfAny();
        return List.copyOf(channels);
    }
}
