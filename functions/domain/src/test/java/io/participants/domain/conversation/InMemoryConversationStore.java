package io.participants.domain.conversation;

import io.participants.domain.common.Page;
import io.participants.domain.common.PageRequest;
import io.participants.domain.common.TenantId;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link ConversationStore} in maps that keeps the port's promises: an add never replaces, and a status change is
 * one check-and-write that allows only the moves {@link ParticipantStatus} permits, on the version asked for.
 */
final class InMemoryConversationStore implements ConversationStore {

    private record Key(TenantId tenant, UUID conversationId) {
    }

    private final Map<Key, Conversation> conversations = new LinkedHashMap<>();
    private final Map<Key, LinkedHashMap<UUID, ConversationParticipant>> participants = new HashMap<>();

    @Override
    public synchronized void create(Conversation conversation) {
        conversations.put(new Key(conversation.tenant(), conversation.id()), conversation);
    }

    @Override
    public synchronized Optional<Conversation> find(TenantId tenant, UUID id) {
        return Optional.ofNullable(conversations.get(new Key(tenant, id)));
    }

    @Override
    public synchronized Page<Conversation> list(TenantId tenant, PageRequest page) {
        return page(conversations.values().stream().filter(c -> c.tenant().equals(tenant)).toList(), page);
    }

    @Override
    public synchronized Optional<Added> add(ConversationParticipant participant) {
        Key key = new Key(participant.tenant(), participant.conversationId());
        if (!conversations.containsKey(key)) {
            return Optional.empty();
        }
        var members = participants.computeIfAbsent(key, k -> new LinkedHashMap<>());
        ConversationParticipant existing = members.get(participant.id());
        if (existing != null) {
            return Optional.of(new Added(existing, false));
        }
        members.put(participant.id(), participant);
        return Optional.of(new Added(participant, true));
    }

    @Override
    public synchronized Optional<ConversationParticipant> findParticipant(TenantId tenant, UUID conversationId,
                                                                          UUID id) {
        return Optional.ofNullable(members(tenant, conversationId).get(id));
    }

    @Override
    public synchronized Page<ConversationParticipant> listParticipants(TenantId tenant, UUID conversationId,
                                                                       PageRequest page, boolean reverse) {
        List<ConversationParticipant> all = new ArrayList<>(members(tenant, conversationId).values());
        all.sort(Comparator.comparingLong(ConversationParticipant::createdAt));
        if (reverse) {
            Collections.reverse(all);
        }
        return page(all, page);
    }

    @Override
    public synchronized StatusChange changeStatus(TenantId tenant, UUID conversationId, UUID id,
                                                  ParticipantStatus target, Long ifMatch, long now) {
        ConversationParticipant current = members(tenant, conversationId).get(id);
        if (current == null) {
            return new StatusChange(Outcome.MISSING, null);
        }
        if (ifMatch != null && ifMatch != current.version()) {
            return new StatusChange(Outcome.STALE, current);
        }
        if (current.status() == target) {
            return new StatusChange(Outcome.UNCHANGED, current);
        }
        if (!ParticipantStatus.sourcesOf(target).contains(current.status())) {
            return new StatusChange(Outcome.FORBIDDEN, current);
        }
        ConversationParticipant changed = new ConversationParticipant(current.tenant(), current.conversationId(),
                current.id(), current.type(), current.refId(), current.contact(), current.platformAddressSelector(),
                target, current.createdAt(), now, current.version() + 1);
        members(tenant, conversationId).put(id, changed);
        return new StatusChange(Outcome.CHANGED, changed);
    }

    @Override
    public synchronized boolean remove(TenantId tenant, UUID conversationId, UUID id) {
        return members(tenant, conversationId).remove(id) != null;
    }

    @Override
    public synchronized Page<Membership> conversationsOf(TenantId tenant, Identifier contact,
                                                         ParticipantStatus status, PageRequest page) {
        List<Membership> memberships = new ArrayList<>();
        participants.forEach((key, members) -> {
            if (key.tenant().equals(tenant)) {
                members.values().stream()
                        .filter(p -> contact.equals(p.contact()) && (status == null || p.status() == status))
                        .forEach(p -> memberships.add(new Membership(conversations.get(key), p.status())));
            }
        });
        return page(memberships, page);
    }

    private LinkedHashMap<UUID, ConversationParticipant> members(TenantId tenant, UUID conversationId) {
        return participants.getOrDefault(new Key(tenant, conversationId), new LinkedHashMap<>());
    }

    /** Pages by position; the token is the index of the next item. */
    private static <T> Page<T> page(List<T> all, PageRequest page) {
        int from = page.pageToken() == null ? 0 : Integer.parseInt(page.pageToken());
        int to = Math.min(all.size(), from + page.limit());
        return new Page<>(all.subList(Math.min(from, to), to), to < all.size() ? Integer.toString(to) : null);
    }
}
