package io.participants.domain.testing;

import io.participants.domain.common.ConcurrentModificationException;
import io.participants.domain.common.ConflictException;
import io.participants.domain.common.Page;
import io.participants.domain.common.PageRequest;
import io.participants.domain.common.TenantId;
import io.participants.domain.integration.IntegrationConfigStore;
import io.participants.domain.participant.Channel;
import io.participants.domain.participant.ChannelClaims;
import io.participants.domain.participant.ChannelKey;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantStore;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A {@link ParticipantStore} in maps that keeps the port's promises: writes conditional on the version, one owner
 * per channel. A test can make the next writes lose a race, as another writer would.
 */
public final class InMemoryParticipantStore implements ParticipantStore {

    private final IntegrationConfigStore configs;
    private final Map<TenantId, TreeMap<UUID, Participant>> participants = new HashMap<>();
    private final Map<TenantId, Map<ChannelKey, UUID>> claims = new HashMap<>();
    private int racesToLose;
    private Participant interloper;
    private int updates;

    /** A store whose lookups by channel find no config. */
    public InMemoryParticipantStore() {
        this(new InMemoryIntegrationConfigStore());
    }

    /** A store whose lookups by channel read their config from {@code configs}, as the one table does. */
    public InMemoryParticipantStore(IntegrationConfigStore configs) {
        this.configs = configs;
    }

    /**
     * The next {@code times} updates or deletes fail as if another writer had stored {@code winner} just before;
     * {@code winner} (a newer version of the same participant) is stored at the first of them.
     */
    public synchronized void loseRaces(int times, Participant winner) {
        this.racesToLose = times;
        this.interloper = winner;
    }

    /** Update attempts that reached the store, successful or not. */
    public synchronized int updateAttempts() {
        return updates;
    }

    @Override
    public synchronized void create(Participant participant) {
        claim(participant, participant.channels());
        of(participant.tenant()).put(participant.id(), participant);
    }

    @Override
    public synchronized Optional<Participant> find(TenantId tenant, UUID id) {
        return Optional.ofNullable(of(tenant).get(id));
    }

    @Override
    public synchronized ChannelClaims findClaims(TenantId tenant, UUID integrationConfigId, Set<String> addresses) {
        Map<String, UUID> holders = new HashMap<>();
        addresses.forEach(address -> {
            UUID holder = claimsOf(tenant).get(new ChannelKey(integrationConfigId, address));
            if (holder != null) {
                holders.put(address, holder);
            }
        });
        return new ChannelClaims(configs.find(tenant, integrationConfigId).orElse(null), holders);
    }

    /** Removes a participant but leaves its claims, which the real store never does (they share a transaction). */
    public synchronized void dropParticipantOnly(TenantId tenant, UUID id) {
        of(tenant).remove(id);
    }

    @Override
    public synchronized Page<Participant> list(TenantId tenant, PageRequest page, String agentId) {
        var all = of(tenant);
        var after = page.pageToken() == null ? all : all.tailMap(UUID.fromString(page.pageToken()), false);
        List<Participant> matching = after.values().stream()
                .filter(p -> agentId == null || p.agentIds().contains(agentId)).toList();
        List<Participant> results = matching.stream().limit(page.limit()).toList();
        String next = matching.size() > page.limit() ? results.get(results.size() - 1).id().toString() : null;
        return new Page<>(results, next);
    }

    @Override
    public synchronized void update(Participant current, Participant updated) {
        updates++;
        checkVersion(current);
        claim(updated, updated.channels());
        current.channels().stream()
                .filter(c -> updated.channels().stream().noneMatch(u -> u.key().equals(c.key())))
                .forEach(c -> claimsOf(current.tenant()).remove(c.key()));
        of(updated.tenant()).put(updated.id(), updated);
    }

    @Override
    public synchronized void delete(Participant current) {
        checkVersion(current);
        current.channels().forEach(c -> claimsOf(current.tenant()).remove(c.key()));
        of(current.tenant()).remove(current.id());
    }

    @Override
    public synchronized Optional<Participant> setDisabled(TenantId tenant, UUID id, boolean disabled, long now) {
        Participant p = of(tenant).get(id);
        if (p == null) {
            return Optional.empty();
        }
        if (disabled == p.isDisabled()) {
            return Optional.of(p);
        }
        Participant changed = new Participant(p.tenant(), p.id(), p.kind(), p.displayName(), p.email(),
                p.relatedAgentId(), p.channels(), p.agentIds(), disabled ? now : null, p.avatar(), p.avatarAutoSync(),
                p.createdAt(), now, p.version() + 1);
        of(tenant).put(id, changed);
        return Optional.of(changed);
    }

    @Override
    public synchronized boolean setBinding(TenantId tenant, UUID id, String agentId, boolean bound, long now) {
        Participant p = of(tenant).get(id);
        if (p == null) {
            return false;
        }
        if (p.channels().stream().anyMatch(c -> io.participants.domain.activation.ActivationScope.of(c.provider())
                .orElse(null) == io.participants.domain.activation.ActivationScope.PER_BINDING)) {
            throw new ConcurrentModificationException();
        }
        TreeSet<String> agents = new TreeSet<>(p.agentIds());
        if (bound ? agents.add(agentId) : agents.remove(agentId)) {
            of(tenant).put(id, new Participant(p.tenant(), p.id(), p.kind(), p.displayName(), p.email(),
                    p.relatedAgentId(), p.channels(), agents, p.disabledAt(), p.avatar(), p.avatarAutoSync(), p.createdAt(), now,
                    p.version() + 1));
        }
        return true;
    }

    private void checkVersion(Participant current) {
        if (racesToLose > 0) {
            racesToLose--;
            if (interloper != null) {
                of(interloper.tenant()).put(interloper.id(), interloper);
                interloper = null;
            }
            throw new ConcurrentModificationException();
        }
        Participant stored = of(current.tenant()).get(current.id());
        if (stored == null || stored.version() != current.version()) {
            throw new ConcurrentModificationException();
        }
    }

    private void claim(Participant owner, List<Channel> channels) {
        for (Channel channel : channels) {
            UUID holder = claimsOf(owner.tenant()).get(channel.key());
            if (holder != null && !holder.equals(owner.id())) {
                throw new ConflictException("channel-claimed", "The channel " + channel.address() + " is claimed");
            }
        }
        channels.forEach(c -> claimsOf(owner.tenant()).put(c.key(), owner.id()));
    }

    private TreeMap<UUID, Participant> of(TenantId tenant) {
        return participants.computeIfAbsent(tenant, t -> new TreeMap<>());
    }

    private Map<ChannelKey, UUID> claimsOf(TenantId tenant) {
        return claims.computeIfAbsent(tenant, t -> new HashMap<>());
    }
}
