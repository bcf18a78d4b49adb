package io.participants.domain.integration;

import io.participants.domain.activation.ActivationScope;
import io.participants.domain.common.Ids;
import io.participants.domain.common.NotFoundException;
import io.participants.domain.common.Page;
import io.participants.domain.common.PageRequest;
import io.participants.domain.common.RefusedException;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.Violations;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.UUID;

/** Use cases of a tenant's integration configs. */
public final class IntegrationConfigService {

    public static final int MAX_NAME_LENGTH = 150;
    static final String FIELD_INTERVAL = "avatarSyncInterval";

    private final IntegrationConfigStore store;
    private final Clock clock;
    private final Ids ids;

    public IntegrationConfigService(IntegrationConfigStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.ids = new Ids(clock);
    }

    public IntegrationConfig create(TenantId tenant, String provider, String name) {
        return create(tenant, provider, name, null);
    }

    /** @param gravatar for {@code EMAIL} configs: look avatars up on Gravatar (null: off) */
    public IntegrationConfig create(TenantId tenant, String provider, String name, Boolean gravatar) {
        return create(tenant, provider, name, gravatar, null);
    }

    /**
     * @param gravatar           for {@code EMAIL} configs: look avatars up on Gravatar (null: off)
     * @param avatarSyncInterval an ISO-8601 duration from {@code PT1H} to {@code P30D}: how long after an automatic
     *                           sync its channels' followers are due again (null: the deployment's interval)
     */
    public IntegrationConfig create(TenantId tenant, String provider, String name, Boolean gravatar,
                                    String avatarSyncInterval) {
        return create(tenant, provider, name, gravatar, avatarSyncInterval, null);
    }

    /**
     * @param gravatar            for {@code EMAIL} configs: look avatars up on Gravatar (null: off)
     * @param avatarSyncInterval  an ISO-8601 duration from {@code PT1H} to {@code P30D}: how long after an automatic
     *                            sync its channels' followers are due again (null: the deployment's interval)
     * @param messageTextInEvents whether its channels' inbound messages keep and publish their text (null: off);
     *                            {@code true} is refused for a provider with no inbound messages
     */
    public IntegrationConfig create(TenantId tenant, String provider, String name, Boolean gravatar,
                                    String avatarSyncInterval, Boolean messageTextInEvents) {
        Violations violations = new Violations();
        Provider parsed = Provider.parse(provider).orElse(null);
        violations.check(parsed != null, "provider", "must be one of SLACK, EMAIL, SMS, WHATSAPP, TELEGRAM");
        violations.check(name != null && !name.isBlank(), "name", "is required");
        // characters are code points, as for every other name: an emoji is one, not two
        violations.check(name == null || name.codePointCount(0, name.length()) <= MAX_NAME_LENGTH, "name",
                "must be at most " + MAX_NAME_LENGTH + " characters");
        // as every other name of the API (participants' display names, conversations' names)
        violations.check(name == null || name.chars().noneMatch(Character::isISOControl), "name",
                "must not contain control characters");
        violations.check(!Boolean.TRUE.equals(gravatar) || parsed == null || parsed == Provider.EMAIL, "gravatar",
                "applies to EMAIL configs only");
        Duration interval = avatarSyncInterval(avatarSyncInterval, violations);
        violations.throwIfAny();
        boolean messageText = Boolean.TRUE.equals(messageTextInEvents);
        if (messageText) {
            requireInboundMessages(parsed);
        }
        IntegrationConfig config = new IntegrationConfig(tenant, ids.next(), parsed, name, clock.millis(), null,
                Boolean.TRUE.equals(gravatar), interval, messageText);
        store.create(config);
        return config;
    }

    /** Turns Gravatar on or off for an {@code EMAIL} config, leaving the rest as it is. */
    public IntegrationConfig update(TenantId tenant, UUID id, Boolean gravatar) {
        Violations violations = new Violations();
        violations.check(gravatar != null, "gravatar", "is required");
        violations.throwIfAny();
        return update(tenant, id, IntegrationConfigChanges.gravatar(gravatar));
    }

    /**
     * Changes a config's settings: Gravatar ({@code true} on another provider's config is invalid, as on create),
     * the auto-sync interval (null: back to the deployment's) and whether message text goes into change events
     * ({@code true} refused on a provider with no inbound messages, as on create). An update must name at least
     * one; one that sets what the config has already writes nothing (no new version, no change event), and a
     * refused one writes nothing, not even its valid fields.
     */
    public IntegrationConfig update(TenantId tenant, UUID id, IntegrationConfigChanges changes) {
        Violations violations = new Violations();
        violations.check(changes.namesAny(), "",
                "an update must name gravatar, avatarSyncInterval or messageTextInEvents");
        Duration interval = changes.changesAvatarSyncInterval()
                ? avatarSyncInterval(changes.avatarSyncInterval(), violations) : null;
        violations.throwIfAny();
        IntegrationConfig config = get(tenant, id);
        boolean gravatar = changes.gravatar() != null ? changes.gravatar() : config.gravatar();
        violations.check(!Boolean.TRUE.equals(changes.gravatar()) || config.provider() == Provider.EMAIL, "gravatar",
                "applies to EMAIL configs only");
        violations.throwIfAny();
        if (Boolean.TRUE.equals(changes.messageTextInEvents())) {
            requireInboundMessages(config.provider());
        }
        Duration nextInterval = changes.changesAvatarSyncInterval() ? interval : config.avatarSyncInterval();
        boolean messageText = changes.messageTextInEvents() != null ? changes.messageTextInEvents()
                : config.messageTextInEvents();
        if (config.gravatar() == gravatar && Objects.equals(config.avatarSyncInterval(), nextInterval)
                && config.messageTextInEvents() == messageText) {
            // nothing to write: no new version, no change event
            return config;
        }
        return store.setSettings(tenant, id, gravatar, nextInterval, messageText).orElseThrow(() -> notFound(id));
    }

    /**
     * Refuses message text in events for a provider that delivers no inbound messages (email), with the problem
     * type a webhook of such a config gets: a setting that could never apply is an error, not a silent no-op.
     */
    private static void requireInboundMessages(Provider provider) {
        if (provider != null && ActivationScope.of(provider).isEmpty()) {
            throw new RefusedException("no-inbound-messages", "Integration configs of provider " + provider
                    + " deliver no inbound messages, so messageTextInEvents cannot be turned on");
        }
    }

    /**
     * {@code text} as a config's auto-sync interval, or null for none; a violation of {@code avatarSyncInterval}
     * unless it is an ISO-8601 duration from {@link IntegrationConfig#MIN_AVATAR_SYNC_INTERVAL} to
     * {@link IntegrationConfig#MAX_AVATAR_SYNC_INTERVAL}.
     */
    static Duration avatarSyncInterval(String text, Violations violations) {
        if (text == null) {
            return null;
        }
        Duration interval;
        try {
            interval = Duration.parse(text);
        } catch (DateTimeParseException e) {
            violations.add(FIELD_INTERVAL, "must be an ISO-8601 duration such as PT6H or P1D");
            return null;
        }
        violations.check(interval.compareTo(IntegrationConfig.MIN_AVATAR_SYNC_INTERVAL) >= 0
                        && interval.compareTo(IntegrationConfig.MAX_AVATAR_SYNC_INTERVAL) <= 0, FIELD_INTERVAL,
                "must be from PT1H (1 hour) to P30D (30 days)");
        return interval;
    }

    public IntegrationConfig get(TenantId tenant, UUID id) {
        return store.find(tenant, id).orElseThrow(() -> notFound(id));
    }

    public Page<IntegrationConfig> list(TenantId tenant, PageRequest page) {
        return store.list(tenant, page);
    }

    public void delete(TenantId tenant, UUID id) {
        if (!store.delete(tenant, id)) {
            throw notFound(id);
        }
    }

    /** Ids are shown lower-cased, as UUIDs print, so every not-found answer for one id reads the same. */
    public static NotFoundException notFound(Object id) {
        return new NotFoundException("Integration config " + id.toString().toLowerCase(java.util.Locale.ROOT)
                + " was not found");
    }
}
