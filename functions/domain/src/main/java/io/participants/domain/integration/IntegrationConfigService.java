package io.participants.domain.integration;

import io.participants.domain.common.Ids;
import io.participants.domain.common.NotFoundException;
import io.participants.domain.common.Page;
import io.participants.domain.common.PageRequest;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.Violations;

import java.time.Clock;
import java.util.UUID;

/** Use cases of a tenant's integration configs. */
public final class IntegrationConfigService {

    public static final int MAX_NAME_LENGTH = 150;

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
        violations.throwIfAny();
        IntegrationConfig config = new IntegrationConfig(tenant, ids.next(), parsed, name, clock.millis(), null,
                Boolean.TRUE.equals(gravatar));
        store.create(config);
        return config;
    }

    /**
     * Turns Gravatar on or off for an {@code EMAIL} config (the only field an update changes).
     *
     * @param gravatar required; {@code true} on another provider's config is invalid, as on create
     */
    public IntegrationConfig update(TenantId tenant, UUID id, Boolean gravatar) {
        Violations violations = new Violations();
        violations.check(gravatar != null, "gravatar", "is required");
        violations.throwIfAny();
        IntegrationConfig config = get(tenant, id);
        violations.check(!gravatar || config.provider() == Provider.EMAIL, "gravatar", "applies to EMAIL configs only");
        violations.throwIfAny();
        if (config.gravatar() == gravatar) {
            // nothing to write: no new version, no change event
            return config;
        }
        return store.setGravatar(tenant, id, gravatar).orElseThrow(() -> notFound(id));
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
