package io.participants.domain.activation;

import io.participants.domain.common.ConflictException;
import io.participants.domain.common.RefusedException;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.UnauthenticatedException;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.IntegrationConfigService;
import io.participants.domain.integration.IntegrationConfigStore;
import io.participants.domain.integration.Provider;
import io.participants.domain.participant.BindingKey;
import io.participants.domain.participant.BindingSlot;
import io.participants.domain.participant.Channel;
import io.participants.domain.participant.IssuedBindingKey;
import io.participants.domain.participant.ChannelClaims;
import io.participants.domain.participant.ChannelHealth;
import io.participants.domain.participant.ChannelKey;
import io.participants.domain.participant.KeyStatus;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantHealth;
import io.participants.domain.participant.ParticipantStore;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Channel activations: per-config webhooks (generated, rotated), the activations a participant's bindings have, the
 * health facts they add, and the inbound messages they receive (verified, routed to the participant holding the
 * sender's channel, recorded once per provider message id).
 */
public final class ActivationService {

    private final IntegrationConfigStore configs;
    private final ParticipantStore participants;
    private final ActivationStore store;
    private final Map<Provider, InboundVerifier> verifiers = new java.util.EnumMap<>(Provider.class);
    private final WebhookUrls urls;
    private final SecureRandom random;
    private final Clock clock;

    public ActivationService(IntegrationConfigStore configs, ParticipantStore participants, ActivationStore store,
                             List<InboundVerifier> verifiers, WebhookUrls urls, SecureRandom random, Clock clock) {
        this.configs = configs;
        this.participants = participants;
        this.store = store;
        verifiers.forEach(v -> v.providers().forEach(p -> this.verifiers.put(p, v)));
        this.urls = urls;
        this.random = random;
        this.clock = clock;
    }

    /**
     * The config's webhook: generated with its full URL (and Telegram's secret token) when it has none; when it has
     * one, its template and key prefix only (the key was shown once; {@link #rotate} makes a new one).
     */
    public GeneratedWebhook generate(TenantId tenant, UUID configId) {
        IntegrationConfig config = perConfig(tenant, configId);
        ActivationStore.ConfigWebhookSummary existing = current(tenant, configId);
        if (existing != null) {
            return new GeneratedWebhook(configId, config.provider(), ActivationScope.PER_CONFIG, null,
                    urls.template(tenant), existing.keyPrefix(), null, existing.createdAt());
        }
        return issue(config, null);
    }

    /** A new key for the config's webhook; the old key stops working at once (no overlap). */
    public GeneratedWebhook rotate(TenantId tenant, UUID configId) {
        IntegrationConfig config = perConfig(tenant, configId);
        ActivationStore.ConfigWebhookSummary existing = current(tenant, configId);
        return issue(config, existing == null ? null : existing.keyPrefix());
    }

    private ActivationStore.ConfigWebhookSummary current(TenantId tenant, UUID configId) {
        return store.state(tenant, List.of(configId), List.of()).webhooks().get(configId);
    }

    private GeneratedWebhook issue(IntegrationConfig config, String previousPrefix) {
        WebhookKey key = WebhookKey.generate(random);
        String token = config.provider() == Provider.TELEGRAM ? WebhookKey.secretToken(random) : null;
        long now = clock.millis();
        ConfigWebhook webhook = new ConfigWebhook(config.tenant(), config.id(), config.provider(), key.prefix(),
                WebhookKey.hash(key.value()), token == null ? null : WebhookKey.hash(token), now);
        if (!store.replace(webhook, previousPrefix)) {
            if (configs.find(config.tenant(), config.id()).isEmpty()) {
                throw IntegrationConfigService.notFound(config.id());
            }
            throw new ConflictException("concurrent-modification",
                    "The config's webhook is being changed by another request; retry");
        }
        return new GeneratedWebhook(config.id(), config.provider(), ActivationScope.PER_CONFIG,
                urls.url(config.tenant(), key), urls.template(config.tenant()), key.prefix(), token, now);
    }

    private IntegrationConfig perConfig(TenantId tenant, UUID configId) {
        IntegrationConfig config = configs.find(tenant, configId)
                .orElseThrow(() -> IntegrationConfigService.notFound(configId));
        Optional<ActivationScope> scope = ActivationScope.of(config.provider());
        if (scope.isEmpty()) {
            throw new RefusedException("no-inbound-messages", "Integration configs of provider "
                    + config.provider() + " deliver no inbound messages, so they have no webhook");
        }
        if (scope.get() == ActivationScope.PER_BINDING) {
            throw new RefusedException("per-binding-activation", "Integration configs of provider "
                    + config.provider() + " are activated per binding: their activations come with participant"
                    + " create and update, not from the config");
        }
        return config;
    }

    /** What the participants' activations and health need, in one read. */
    public ActivationStore.ActivationState state(TenantId tenant, Collection<Participant> shown) {
        return state(tenant, shown, List.of());
    }

    /**
     * As {@link #state(TenantId, Collection)}, reading again none of {@code alreadyRead} but those whose webhook is
     * needed: the configs whose channels need a connection (for health) or are activated per config (for their
     * webhook), and every channel's claim (for its last message time).
     */
    public ActivationStore.ActivationState state(TenantId tenant, Collection<Participant> shown,
                                                 Collection<IntegrationConfig> alreadyRead) {
        java.util.Set<UUID> read = new java.util.HashSet<>();
        alreadyRead.forEach(c -> read.add(c.id()));
        List<UUID> perConfig = shown.stream().flatMap(p -> p.channels().stream())
                .filter(c -> ActivationScope.of(c.provider()).orElse(null) == ActivationScope.PER_CONFIG
                        || c.provider().needsConnection() && !read.contains(c.integrationConfigId()))
                .map(Channel::integrationConfigId).distinct().toList();
        List<ChannelKey> keys = shown.stream().flatMap(p -> p.channels().stream()).map(Channel::key).distinct()
                .toList();
        if (keys.isEmpty()) {
            return ActivationStore.ActivationState.NONE;
        }
        return store.state(tenant, perConfig, keys);
    }

    /**
     * One activation per binding and channel of a per-config provider whose config has a webhook: its template and
     * key prefix, never its key.
     */
    public List<ChannelActivation> activations(Participant participant, ActivationStore.ActivationState state) {
        return activations(participant, state, List.of());
    }

    /**
     * As {@link #activations(Participant, ActivationStore.ActivationState)}, and, for a per-binding activation
     * among them, in the one answer that issued it: its full URL and {@code clientState} of {@code issued}.
     */
    public List<ChannelActivation> activations(Participant participant, ActivationStore.ActivationState state,
                                               List<IssuedBindingKey> issued) {
        Map<String, IssuedBindingKey> shown = new java.util.HashMap<>();
        Map<BindingSlot, String> prefixes = new java.util.HashMap<>(state.bindingKeys());
        issued.forEach(i -> {
            shown.put(i.stored().keyPrefix(), i);
            // an answer rendered before its write commits (a create under an Idempotency-Key) has not read it
            prefixes.putIfAbsent(i.stored().slot(), i.stored().keyPrefix());
        });
        List<ChannelActivation> out = new ArrayList<>();
        for (String agentId : participant.agentIds()) {
            UUID bindingId = bindingId(participant, agentId);
            for (Channel channel : participant.channels()) {
                if (ActivationScope.of(channel.provider()).orElse(null) == ActivationScope.PER_BINDING) {
                    String prefix = prefixes.get(new BindingSlot(agentId, channel.key()));
                    if (prefix != null) {
                        IssuedBindingKey once = shown.get(prefix);
                        once = once == null || once.webhookKey() == null ? null : once;
                        out.add(new ChannelActivation(agentId, bindingId, channel.integrationConfigId(),
                                channel.provider(), channel.address(),
                                once == null ? null : urls.url(participant.tenant(), once.webhookKey()),
                                urls.template(participant.tenant()), prefix, ActivationScope.PER_BINDING,
                                once == null ? null : once.clientState()));
                    }
                    continue;
                }
                ActivationStore.ConfigWebhookSummary webhook = state.webhooks().get(channel.integrationConfigId());
                if (webhook == null
                        || ActivationScope.of(channel.provider()).orElse(null) != ActivationScope.PER_CONFIG) {
                    continue;
                }
                out.add(new ChannelActivation(agentId, bindingId, channel.integrationConfigId(), channel.provider(),
                        channel.address(), null, urls.template(participant.tenant()), webhook.keyPrefix(),
                        ActivationScope.PER_CONFIG));
            }
        }
        return List.copyOf(out);
    }

    /** A binding's stable id: the same agent bound to the same participant is always the same binding. */
    public static UUID bindingId(Participant participant, String agentId) {
        return UUID.nameUUIDFromBytes(("binding/" + participant.tenant().value() + "/" + participant.id() + "/"
                + agentId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The health with what activations add: each channel's last inbound message, and for a provider that needs no
     * connection (SMS, WhatsApp) its config's webhook key as {@code keyPrefix} with {@code ACTIVE}.
     */
    public ParticipantHealth health(Participant participant, ParticipantHealth health,
                                    ActivationStore.ActivationState state) {
        List<ChannelHealth> channels = new ArrayList<>();
        for (int i = 0; i < health.channels().size(); i++) {
            ChannelHealth h = health.channels().get(i);
            Channel channel = participant.channels().get(i);
            ActivationStore.ConfigWebhookSummary webhook = state.webhooks().get(channel.integrationConfigId());
            boolean webhookKey = webhook != null && !channel.provider().needsConnection();
            channels.add(new ChannelHealth(h.address(), h.reason(), webhookKey ? KeyStatus.ACTIVE : h.keyStatus(),
                    webhookKey ? webhook.keyPrefix() : h.keyPrefix(), state.lastMessages().get(channel.key())));
        }
        return new ParticipantHealth(health.reachable(), channels, health.reason());
    }

    /**
     * Verifies and handles one request posted to the webhook of {@code presentedKey}: an unknown or rotated-away key,
     * a config deleted since, or a failed signature is refused before anything is recorded. A message from a channel
     * a participant holds sets that channel's last message time and is recorded once per provider message id, with
     * its text (capped, {@link MessageText}) only when the config turns {@code messageTextInEvents} on.
     *
     * @throws UnauthenticatedException when the key or the provider's signature does not check out
     */
    public InboundEvent receive(TenantId tenant, String presentedKey, InboundRequest request) {
        Optional<ConfigWebhook> found = WebhookKey.prefixOf(presentedKey).flatMap(prefix -> store.find(tenant, prefix));
        // the hash is compared whether or not a webhook was found, so both take the same time
        boolean matches = WebhookKey.matches(presentedKey == null ? "" : presentedKey,
                found.map(ConfigWebhook::keyHash).orElse(NO_HASH));
        if (found.isEmpty() || !matches) {
            throw unknownKey();
        }
        ConfigWebhook webhook = found.get();
        InboundVerifier verifier = verifiers.get(webhook.provider());
        if (verifier == null) {
            throw unknownKey();
        }
        InboundEvent event = verifier.verify(request, webhook);
        if (webhook.binding() != null) {
            return receiveForBinding(webhook, event);
        }
        if (!(event instanceof InboundEvent.Message message)) {
            return event;
        }
        ChannelClaims claims = participants.findClaims(tenant, webhook.integrationConfigId(),
                Provider.spellings(message.address()));
        if (claims.config() == null) {
            throw unknownKey();
        }
        String normalised = claims.config().provider().normalise(message.address());
        String held = claims.holders().containsKey(normalised) ? normalised
                : claims.holders().containsKey(message.address()) ? message.address() : null;
        if (held == null) {
            return new InboundEvent.Ignored("no participant holds the sender's channel");
        }
        ChannelKey channel = new ChannelKey(webhook.integrationConfigId(), held);
        Optional<Participant> holder = participants.find(tenant, claims.holders().get(held))
                .filter(p -> p.channels().stream().anyMatch(c -> c.key().equals(channel)));
        if (holder.isEmpty()) {
            return new InboundEvent.Ignored("no participant holds the sender's channel");
        }
        long now = clock.millis();
        // the config came with the claims, in the same read: its choice costs no round trip of its own
        MessageText text = claims.config().messageTextInEvents() ? MessageText.of(message.text()) : null;
        // a redelivery is the same message: it neither publishes again nor moves the channel's last message time
        if (store.record(new ReceivedMessage(tenant, webhook.integrationConfigId(), webhook.provider(), held,
                holder.get().id(), List.copyOf(holder.get().agentIds()), message.messageId(), now, text))) {
            store.touchChannel(tenant, channel, now);
        }
        return event;
    }

    /**
     * A per-binding activation's verified request: its key names the binding and its channel, so a message needs
     * no sender lookup; each one is recorded once per provider message id, naming the binding's agent, and sets the
     * channel's last message time. No text: Graph's notifications carry none unless resource data is included.
     */
    private InboundEvent receiveForBinding(ConfigWebhook webhook, InboundEvent event) {
        if (!(event instanceof InboundEvent.Notifications notifications)) {
            return event;
        }
        ConfigWebhook.Binding binding = webhook.binding();
        ChannelKey channel = new ChannelKey(webhook.integrationConfigId(), binding.address());
        for (InboundEvent.Message message : notifications.messages()) {
            long now = clock.millis();
            if (store.record(new ReceivedMessage(webhook.tenant(), webhook.integrationConfigId(), webhook.provider(),
                    binding.address(), binding.participantId(), List.of(binding.agentId()), message.messageId(),
                    now, null))) {
                store.touchChannel(webhook.tenant(), channel, now);
            }
        }
        return event;
    }

    /**
     * New keys (and {@code clientState}s) for the participant's per-binding activations, or those of one agent's
     * binding: answered in full once; the old keys stop working at once (deleted in the same write).
     *
     * @throws io.participants.domain.common.NotFoundException for a participant that does not exist, or an agent it
     *                                                         is not bound to
     * @return the rotated activations; empty when the participant has none (only a bound agent's Microsoft Teams
     *         channels have one)
     */
    public List<ChannelActivation> rotateBindings(TenantId tenant, UUID participantId, String agentId) {
        Participant participant = participants.find(tenant, participantId)
                .orElseThrow(() -> io.participants.domain.participant.ParticipantService.notFound(participantId));
        if (agentId != null && !participant.agentIds().contains(agentId)) {
            throw new io.participants.domain.common.NotFoundException("Participant " + participantId
                    + " is not bound to agent " + agentId);
        }
        ActivationStore.ActivationState state = state(tenant, List.of(participant));
        List<BindingKey> next = new ArrayList<>();
        List<String> previous = new ArrayList<>();
        List<IssuedBindingKey> issued = new ArrayList<>();
        BindingWebhookIssuer issuer = new BindingWebhookIssuer(random);
        long now = clock.millis();
        for (String agent : participant.agentIds()) {
            if (agentId != null && !agent.equals(agentId)) {
                continue;
            }
            for (Channel channel : participant.channels()) {
                BindingSlot slot = new BindingSlot(agent, channel.key());
                String prefix = state.bindingKeys().get(slot);
                // a pair activated per binding without a key (a write that missed it) gets its first one: the repair
                boolean perBinding = ActivationScope.of(channel.provider()).orElse(null)
                        == ActivationScope.PER_BINDING;
                if (prefix != null || perBinding) {
                    IssuedBindingKey key = issuer.issue(slot, channel.provider(), now);
                    next.add(key.stored());
                    previous.add(prefix);
                    issued.add(key);
                }
            }
        }
        if (next.isEmpty()) {
            // nothing to rotate (no Teams channel, or no agent bound): nothing written, an empty answer
            return List.of();
        }
        if (!store.rotate(tenant, participantId, next, previous)) {
            throw new ConflictException("concurrent-modification",
                    "The participant's activations are being changed by another request; retry");
        }
        ActivationStore.ActivationState after = state(tenant, List.of(participant));
        java.util.Set<String> rotated = new java.util.HashSet<>();
        next.forEach(k -> rotated.add(k.keyPrefix()));
        return activations(participant, after, issued).stream()
                .filter(a -> rotated.contains(a.webhookKeyPrefix())).toList();
    }

    /** A hash no key has, compared against when no webhook was found. */
    private static final String NO_HASH = WebhookKey.hash("no webhook has this key");

    private static UnauthenticatedException unknownKey() {
        return new UnauthenticatedException("The webhook key is unknown, rotated away or its signature does not"
                + " check out");
    }

    /** The activations of several participants, by id. */
    public Map<UUID, List<ChannelActivation>> activations(Collection<Participant> shown,
                                                         ActivationStore.ActivationState state) {
        Map<UUID, List<ChannelActivation>> out = new LinkedHashMap<>();
        shown.forEach(p -> out.put(p.id(), activations(p, state)));
        return out;
    }
}
