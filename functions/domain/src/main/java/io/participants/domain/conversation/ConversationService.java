package io.participants.domain.conversation;

import io.participants.domain.common.ConflictException;
import io.participants.domain.common.Ids;
import io.participants.domain.common.NotFoundException;
import io.participants.domain.common.Page;
import io.participants.domain.common.PageRequest;
import io.participants.domain.common.PreconditionFailedException;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.ValidationException;
import io.participants.domain.common.Violations;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Use cases of conversations and their participants. */
public final class ConversationService {

    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_REF_ID = 256;

    private final ConversationStore store;
    private final DirectoryLookup directory;
    private final Clock clock;
    private final Ids ids;

    public ConversationService(ConversationStore store, DirectoryLookup directory, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
        this.ids = new Ids(clock);
    }

    public Conversation create(TenantId tenant, String name, String description) {
        Violations v = new Violations();
        if (v.check(name != null && !name.isBlank(), "name", "is required and must not be blank")) {
            v.check(name.codePointCount(0, name.length()) <= MAX_NAME && noControl(name), "name",
                    "must be at most " + MAX_NAME + " characters without control characters");
        }
        v.check(description == null || description.codePointCount(0, description.length()) <= MAX_DESCRIPTION,
                "description", "must be at most " + MAX_DESCRIPTION + " characters");
        v.throwIfAny();
        long now = clock.millis();
        Conversation conversation = new Conversation(tenant, ids.next(), name, description, now, now);
        store.create(conversation);
        return conversation;
    }

    public Conversation get(TenantId tenant, UUID id) {
        return store.find(tenant, id).orElseThrow(() -> conversationNotFound(id));
    }

    public Page<Conversation> list(TenantId tenant, PageRequest page) {
        return store.list(tenant, page);
    }

    /** The outcome of an add: the member, and whether it is new (false when it was already there). */
    public record AddResult(ConversationMember member, boolean created) {
    }

    public AddResult add(TenantId tenant, UUID conversationId, NewConversationParticipant input) {
        Violations v = new Violations();
        ParticipantType type = input.type() == null ? null : ParticipantType.parse(input.type()).orElse(null);
        v.check(type != null, "type", "must be one of user, agent, flow, bot, contact");
        ParticipantStatus status = ParticipantStatus.ACTIVE;
        if (input.status() != null) {
            status = ParticipantStatus.parse(input.status()).orElse(null);
            v.check(status != null, "status", "must be one of invited, pending, active, inactive");
        }
        Identifier contact = null;
        String refId = null;
        if (type == ParticipantType.CONTACT) {
            v.check(input.id() == null, "id", "must not be given for a contact; identify it by contact");
            if (v.check(input.hasContact(), "contact", "is required for a contact")) {
                contact = Identifier.parse(input.identifierKey(), input.identifierValue(), "contact.", v);
            }
            String selector = input.platformAddressSelector();
            v.check(selector == null || selector.length() <= MAX_REF_ID && noControl(selector),
                    "contact.platformAddressSelector", "must be at most " + MAX_REF_ID + " characters");
        } else if (type != null) {
            v.check(!input.hasContact(), "contact", "is only for participants of type contact");
            refId = input.id();
            v.check(refId != null && !refId.isEmpty() && refId.length() <= MAX_REF_ID && noControl(refId), "id",
                    "is required: 1 to " + MAX_REF_ID + " characters without control characters");
        }
        v.throwIfAny();
        UUID id = contact != null ? ConversationParticipant.idOf(conversationId, contact)
                : ConversationParticipant.idOf(conversationId, type, refId);
        long now = clock.millis();
        ConversationParticipant participant = new ConversationParticipant(tenant, conversationId, id, type, refId,
                contact, contact == null ? null : input.platformAddressSelector(), status, now, now, 1);
        ConversationStore.Added added = store.add(participant).orElseThrow(() -> conversationNotFound(conversationId));
        return new AddResult(member(added.participant()), added.created());
    }

    public ConversationMember getParticipant(TenantId tenant, UUID conversationId, UUID id) {
        return member(find(tenant, conversationId, id));
    }

    public ConversationMember getParticipant(TenantId tenant, UUID conversationId, String key, String value) {
        return getParticipant(tenant, conversationId, idOf(conversationId, key, value));
    }

    public Page<ConversationMember> listParticipants(TenantId tenant, UUID conversationId, PageRequest page,
                                                     boolean reverse) {
        Page<ConversationParticipant> participants = store.listParticipants(tenant, conversationId, page, reverse);
        if (participants.results().isEmpty()) {
            get(tenant, conversationId);
        }
        Map<Identifier, Optional<DirectoryEntry>> seen = new HashMap<>();
        return participants.map(p -> new ConversationMember(p, p.contact() == null || !p.contact().isAddress() ? null
                : seen.computeIfAbsent(p.contact(), c -> directory.find(tenant, c)).orElse(null)));
    }

    /**
     * Changes a participant's status. A null status changes nothing; a move {@link ParticipantStatus} forbids is a
     * conflict; with {@code ifMatch}, another version is a failed precondition.
     */
    public ConversationMember changeStatus(TenantId tenant, UUID conversationId, UUID id, String status,
                                           Long ifMatch) {
        if (status == null) {
            ConversationParticipant current = find(tenant, conversationId, id);
            if (ifMatch != null && ifMatch != current.version()) {
                throw stale();
            }
            return member(current);
        }
        ParticipantStatus target = ParticipantStatus.parse(status)
                .orElseThrow(() -> ValidationException.of("status", "must be one of invited, pending, active, inactive"));
        ConversationStore.StatusChange change =
                store.changeStatus(tenant, conversationId, id, target, ifMatch, clock.millis());
        return switch (change.outcome()) {
            case CHANGED, UNCHANGED -> member(change.participant());
            case STALE -> throw stale();
            case FORBIDDEN -> throw new ConflictException("status-transition-not-allowed",
                    "A participant that is " + change.participant().status().wireName() + " cannot become "
                            + target.wireName());
            case MISSING -> throw missing(tenant, conversationId, id);
        };
    }

    public ConversationMember changeStatus(TenantId tenant, UUID conversationId, String key, String value,
                                           String status, Long ifMatch) {
        return changeStatus(tenant, conversationId, idOf(conversationId, key, value), status, ifMatch);
    }

    public void remove(TenantId tenant, UUID conversationId, UUID id) {
        if (!store.remove(tenant, conversationId, id)) {
            throw missing(tenant, conversationId, id);
        }
    }

    public Page<Membership> conversationsOf(TenantId tenant, String key, String value, String status,
                                            PageRequest page) {
        Violations v = new Violations();
        Identifier contact = Identifier.parse(key, value, "", v);
        ParticipantStatus filter = null;
        if (status != null) {
            filter = ParticipantStatus.parse(status).orElse(null);
            v.check(filter != null, "status", "must be one of invited, pending, active, inactive");
        }
        v.throwIfAny();
        return store.conversationsOf(tenant, contact, filter, page);
    }

    public static NotFoundException conversationNotFound(Object id) {
        return new NotFoundException("Conversation " + id + " was not found");
    }

    private ConversationParticipant find(TenantId tenant, UUID conversationId, UUID id) {
        return store.findParticipant(tenant, conversationId, id).orElseThrow(() -> missing(tenant, conversationId, id));
    }

    /** Tells a missing conversation from a missing participant, for a clearer 404. */
    private NotFoundException missing(TenantId tenant, UUID conversationId, UUID id) {
        get(tenant, conversationId);
        return new NotFoundException("Participant " + id + " is not in conversation " + conversationId);
    }

    /** An identifier in a path that cannot be valid cannot name anyone: it is a missing participant. */
    private static UUID idOf(UUID conversationId, String key, String value) {
        Violations v = new Violations();
        Identifier contact = Identifier.parse(key, value, "", v);
        if (contact == null) {
            throw new NotFoundException("No participant with " + key + " " + value + " is in conversation "
                    + conversationId);
        }
        return ConversationParticipant.idOf(conversationId, contact);
    }

    private ConversationMember member(ConversationParticipant p) {
        DirectoryEntry entry = p.contact() != null && p.contact().isAddress()
                ? directory.find(p.tenant(), p.contact()).orElse(null) : null;
        return new ConversationMember(p, entry);
    }

    private static PreconditionFailedException stale() {
        return new PreconditionFailedException("The participant has changed since the version given in If-Match");
    }

    private static boolean noControl(String value) {
        return value.chars().noneMatch(Character::isISOControl);
    }
}
