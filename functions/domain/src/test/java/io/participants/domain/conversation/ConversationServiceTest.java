package io.participants.domain.conversation;

import io.participants.domain.common.ConflictException;
import io.participants.domain.common.FieldError;
import io.participants.domain.common.NotFoundException;
import io.participants.domain.common.Page;
import io.participants.domain.common.PageRequest;
import io.participants.domain.common.PreconditionFailedException;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.ValidationException;
import io.participants.domain.testing.TestClock;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The conversation use cases over in-memory ports: validation, idempotent adds, status moves and 404s. */
class ConversationServiceTest {

    private static final TenantId WORKSPACE = new TenantId("b4e02c85-c6d2-4b15-8885-e09671799c61");
    private static final TenantId OTHER_WORKSPACE = new TenantId("a1405560-c8d3-4b1a-877d-3f449ad95352");

    private final TestClock clock = new TestClock(1_700_000_000_000L);
    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final InMemoryDirectoryLookup directory = new InMemoryDirectoryLookup();
    private final ConversationService service = new ConversationService(store, directory, clock);
    private UUID conversation;

    @BeforeEach
    void conversation() {
        conversation = service.create(WORKSPACE, "Support", null).id();
        clock.advance(1000);
    }

    @Test
    void createKeepsNameDescriptionAndTime() {
        Conversation created = service.create(WORKSPACE, "Sales", "Leads");

        assertThat(created.tenant()).isEqualTo(WORKSPACE);
        assertThat(created.createdAt()).isEqualTo(clock.millis()).isEqualTo(created.updatedAt());
        assertThat(service.get(WORKSPACE, created.id())).isEqualTo(created);
        assertThatThrownBy(() -> service.get(OTHER_WORKSPACE, created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void createValidatesNameAndDescription() {
        assertThat(fields(() -> service.create(WORKSPACE, " ", "d".repeat(2001)))).containsExactly("name", "description");
        assertThat(fields(() -> service.create(WORKSPACE, null, null))).containsExactly("name");
        assertThat(fields(() -> service.create(WORKSPACE, "n".repeat(201), null))).containsExactly("name");
        assertThat(fields(() -> service.create(WORKSPACE, "tab\there", null))).containsExactly("name");
        assertThat(service.create(WORKSPACE, "n".repeat(200), "d".repeat(2000)).name()).hasSize(200);
    }

    @Test
    void aContactIsAddedActiveAtVersionOneWithANormalisedIdentifier() {
        ConversationService.AddResult added = service.add(WORKSPACE, conversation,
                contact("emailaddress", "John.Doe@Example.COM", null, "attributes.workEmail"));

        ConversationParticipant p = added.member().participant();
        assertThat(added.created()).isTrue();
        assertThat(p.type()).isEqualTo(ParticipantType.CONTACT);
        assertThat(p.contact()).isEqualTo(new Identifier("emailaddress", "john.doe@example.com"));
        assertThat(p.platformAddressSelector()).isEqualTo("attributes.workEmail");
        assertThat(p.status()).isEqualTo(ParticipantStatus.ACTIVE);
        assertThat(p.version()).isEqualTo(1);
        assertThat(p.createdAt()).isEqualTo(clock.millis()).isEqualTo(p.updatedAt());
        assertThat(p.id()).isEqualTo(ConversationParticipant.idOf(conversation, p.contact()));
        assertThat(p.refId()).isNull();
    }

    @Test
    void addingTheSameMemberAgainReturnsTheStoredOne() {
        ConversationParticipant first = service.add(WORKSPACE, conversation,
                contact("phonenumber", "+1 (415) 555-0100", "invited", null)).member().participant();
        clock.advance(5);

        ConversationService.AddResult again = service.add(WORKSPACE, conversation,
                contact("phonenumber", "+14155550100", "active", null));

        assertThat(again.created()).isFalse();
        assertThat(again.member().participant()).isEqualTo(first);
    }

    @Test
    void usersAgentsFlowsAndBotsAreAddedById() {
        for (String type : List.of("user", "agent", "flow", "bot")) {
            ConversationService.AddResult added = service.add(WORKSPACE, conversation, byId(type, "ref-1"));

            ConversationParticipant p = added.member().participant();
            assertThat(added.created()).as(type).isTrue();
            assertThat(p.type().wireName()).isEqualTo(type);
            assertThat(p.refId()).isEqualTo("ref-1");
            assertThat(p.contact()).isNull();
            assertThat(p.platformAddressSelector()).isNull();
            assertThat(added.member().directory()).isNull();
            assertThat(service.add(WORKSPACE, conversation, byId(type, "ref-1")).created()).isFalse();
        }
        assertThat(directory.lookups()).isZero();
    }

    @Test
    void addingToAMissingConversationIsNotFound() {
        assertThatThrownBy(() -> service.add(WORKSPACE, UUID.randomUUID(), byId("user", "u")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("Conversation");
        assertThatThrownBy(() -> service.add(OTHER_WORKSPACE, conversation, byId("user", "u")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void addValidatesEveryFieldAtOnce() {
        assertThat(fields(() -> service.add(WORKSPACE, conversation, input(null, null, null, null, false, null))))
                .containsExactly("type");
        assertThat(fields(() -> service.add(WORKSPACE, conversation, input("robot", "x", null, null, false, "gone"))))
                .containsExactly("type", "status");
        assertThat(fields(() -> service.add(WORKSPACE, conversation, input("contact", "x", null, null, false, null))))
                .containsExactly("id", "contact");
        assertThat(fields(() -> service.add(WORKSPACE, conversation,
                input("contact", null, "emailaddress", "nope", true, null)))).containsExactly("contact.identifierValue");
        assertThat(fields(() -> service.add(WORKSPACE, conversation,
                input("contact", null, null, "x", true, null)))).containsExactly("contact.identifierKey");
        assertThat(fields(() -> service.add(WORKSPACE, conversation,
                contact("slackid", "U1", null, "s".repeat(257))))).containsExactly("contact.platformAddressSelector");
        assertThat(fields(() -> service.add(WORKSPACE, conversation,
                input("user", "u", "emailaddress", "a@example.com", true, null)))).containsExactly("contact");
        assertThat(fields(() -> service.add(WORKSPACE, conversation, byId("user", null)))).containsExactly("id");
        assertThat(fields(() -> service.add(WORKSPACE, conversation, byId("user", "")))).containsExactly("id");
        assertThat(fields(() -> service.add(WORKSPACE, conversation, byId("user", "r".repeat(257)))))
                .containsExactly("id");
        assertThat(fields(() -> service.add(WORKSPACE, conversation, byId("user", "a\u0000b")))).containsExactly("id");
        assertThat(service.add(WORKSPACE, conversation, byId("user", "r".repeat(256))).created()).isTrue();
    }

    @Test
    void aParticipantIsFoundByAnySpellingOfItsIdentifier() {
        UUID id = service.add(WORKSPACE, conversation, contact("emailaddress", "john.doe@example.com", null, null))
                .member().participant().id();

        assertThat(service.getParticipant(WORKSPACE, conversation, "EMAILADDRESS", "JOHN.DOE@EXAMPLE.COM")
                .participant().id()).isEqualTo(id);
        assertThat(service.getParticipant(WORKSPACE, conversation, id).participant().id()).isEqualTo(id);
    }

    @Test
    void anIdentifierThatCannotBeValidNamesNoOne() {
        assertThatThrownBy(() -> service.getParticipant(WORKSPACE, conversation, "phonenumber", "%2B14155550100"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.changeStatus(WORKSPACE, conversation, "emailaddress", "nope", "active", null))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aMissingConversationAndAMissingParticipantAreToldApart() {
        assertThatThrownBy(() -> service.getParticipant(WORKSPACE, UUID.randomUUID(), "slackid", "U1"))
                .isInstanceOf(NotFoundException.class).hasMessageStartingWith("Conversation");
        assertThatThrownBy(() -> service.getParticipant(WORKSPACE, conversation, "slackid", "U1"))
                .isInstanceOf(NotFoundException.class).hasMessageStartingWith("Participant");
        assertThatThrownBy(() -> service.changeStatus(WORKSPACE, UUID.randomUUID(), "slackid", "U1", "active", null))
                .isInstanceOf(NotFoundException.class).hasMessageStartingWith("Conversation");
        assertThatThrownBy(() -> service.changeStatus(WORKSPACE, conversation, "slackid", "U1", "active", null))
                .isInstanceOf(NotFoundException.class).hasMessageStartingWith("Participant");
    }

    @ParameterizedTest
    @CsvSource({"invited,pending", "invited,active", "invited,inactive", "pending,active", "pending,inactive",
            "active,inactive", "inactive,active"})
    void allowedMovesChangeTheStatusAndTheVersion(String from, String to) {
        addContact(from);
        clock.advance(7);

        ConversationParticipant changed = service.changeStatus(WORKSPACE, conversation, "slackid", "U1", to, 1L)
                .participant();

        assertThat(changed.status().wireName()).isEqualTo(to);
        assertThat(changed.version()).isEqualTo(2);
        assertThat(changed.updatedAt()).isEqualTo(clock.millis()).isGreaterThan(changed.createdAt());
    }

    @ParameterizedTest
    @CsvSource({"inactive,invited", "inactive,pending", "active,pending", "active,invited", "pending,invited"})
    void forbiddenMovesAreConflictsThatChangeNothing(String from, String to) {
        ConversationParticipant before = addContact(from);

        ConflictException conflict = catchThrowableOfType(ConflictException.class,
                () -> service.changeStatus(WORKSPACE, conversation, "slackid", "U1", to, null));

        assertThat(conflict.reason()).isEqualTo("status-transition-not-allowed");
        assertThat(conflict).hasMessageContaining(from).hasMessageContaining(to);
        assertThat(service.getParticipant(WORKSPACE, conversation, before.id()).participant()).isEqualTo(before);
    }

    @Test
    void theSameStatusOrANullStatusChangesNothing() {
        ConversationParticipant before = addContact("active");
        clock.advance(7);

        assertThat(service.changeStatus(WORKSPACE, conversation, "slackid", "U1", "active", null).participant())
                .isEqualTo(before);
        assertThat(service.changeStatus(WORKSPACE, conversation, "slackid", "U1", null, null).participant())
                .isEqualTo(before);
        assertThat(service.changeStatus(WORKSPACE, conversation, "slackid", "U1", null, 1L).participant())
                .isEqualTo(before);
    }

    @Test
    void anotherVersionInIfMatchIsAFailedPrecondition() {
        ConversationParticipant before = addContact("invited");

        assertThatThrownBy(() -> service.changeStatus(WORKSPACE, conversation, "slackid", "U1", "active", 2L))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> service.changeStatus(WORKSPACE, conversation, "slackid", "U1", null, 2L))
                .isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> service.changeStatus(WORKSPACE, conversation, "slackid", "U1", "invited", 2L))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(service.getParticipant(WORKSPACE, conversation, before.id()).participant()).isEqualTo(before);
    }

    @Test
    void anUnknownStatusIsInvalid() {
        addContact("active");

        assertThat(fields(() -> service.changeStatus(WORKSPACE, conversation, "slackid", "U1", "left", null)))
                .containsExactly("status");
    }

    @Test
    void membersShowTheirDirectoryEntryLookedUpOncePerAddressAndPage() {
        Identifier ada = new Identifier("emailaddress", "ada@example.com");
        DirectoryEntry entry = new DirectoryEntry(UUID.randomUUID(), "Ada Lovelace", null);
        directory.put(WORKSPACE, ada, entry);

        ConversationMember added = service.add(WORKSPACE, conversation, contact("emailaddress", "Ada@Example.com",
                null, null)).member();
        service.add(WORKSPACE, conversation, contact("slackid", "U1", null, null));
        service.add(WORKSPACE, conversation, contact("phonenumber", "+14155550100", null, null));
        service.add(WORKSPACE, conversation, byId("user", "u-1"));
        UUID second = service.create(WORKSPACE, "Other", null).id();
        ConversationMember elsewhere = service.add(WORKSPACE, second, contact("emailaddress", "ada@example.com",
                null, null)).member();
        int before = directory.lookups();

        Page<ConversationMember> page = service.listParticipants(WORKSPACE, conversation, PageRequest.of(null, null, 10),
                false);

        assertThat(added.directory()).isEqualTo(entry);
        assertThat(elsewhere.directory()).isEqualTo(entry);
        assertThat(page.results()).extracting(ConversationMember::directory).containsExactly(entry, null, null, null);
        assertThat(directory.lookups() - before).as("email and phone only, not the opaque id or the user").isEqualTo(2);
    }

    @Test
    void anotherWorkspacesDirectoryIsNotConsulted() {
        Identifier ada = new Identifier("emailaddress", "ada@example.com");
        directory.put(OTHER_WORKSPACE, ada, new DirectoryEntry(UUID.randomUUID(), "Not ours", null));

        assertThat(service.add(WORKSPACE, conversation, contact("emailaddress", "ada@example.com", null, null))
                .member().directory()).isNull();
    }

    @Test
    void listingAMissingConversationIsNotFoundAndAnEmptyOneIsEmpty() {
        assertThatThrownBy(() -> service.listParticipants(WORKSPACE, UUID.randomUUID(), PageRequest.of(null, null, 10),
                false)).isInstanceOf(NotFoundException.class);
        assertThat(service.listParticipants(WORKSPACE, conversation, PageRequest.of(null, null, 10), true).results())
                .isEmpty();
    }

    @Test
    void removeDeletesOnceThenIsNotFound() {
        ConversationParticipant p = addContact("active");

        service.remove(WORKSPACE, conversation, p.id());

        assertThatThrownBy(() -> service.getParticipant(WORKSPACE, conversation, p.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.remove(WORKSPACE, conversation, p.id()))
                .isInstanceOf(NotFoundException.class).hasMessageStartingWith("Participant");
        assertThatThrownBy(() -> service.remove(WORKSPACE, UUID.randomUUID(), p.id()))
                .isInstanceOf(NotFoundException.class).hasMessageStartingWith("Conversation");
    }

    @Test
    void aContactsConversationsAreFoundByAnySpellingAndFilteredByStatus() {
        UUID second = service.create(WORKSPACE, "Second", null).id();
        service.add(WORKSPACE, conversation, contact("emailaddress", "ada@example.com", "active", null));
        service.add(WORKSPACE, second, contact("emailaddress", "ada@example.com", "inactive", null));

        Page<Membership> all = service.conversationsOf(WORKSPACE, "emailaddress", "ADA@example.com", null,
                PageRequest.of(null, null, 10));
        Page<Membership> active = service.conversationsOf(WORKSPACE, "emailaddress", "ada@example.com", "active",
                PageRequest.of(null, null, 10));

        assertThat(all.results()).extracting(m -> m.conversation().id()).containsExactlyInAnyOrder(conversation, second);
        assertThat(active.results()).extracting(m -> m.conversation().id()).containsExactly(conversation);
        assertThat(active.results()).extracting(Membership::status).containsExactly(ParticipantStatus.ACTIVE);
        assertThat(service.conversationsOf(OTHER_WORKSPACE, "emailaddress", "ada@example.com", null,
                PageRequest.of(null, null, 10)).results()).isEmpty();
    }

    @Test
    void aContactsConversationsNeedAValidIdentifierAndStatus() {
        assertThat(fields(() -> service.conversationsOf(WORKSPACE, "emailaddress", "nope", "left",
                PageRequest.of(null, null, 10)))).containsExactly("identifierValue", "status");
    }

    private ConversationParticipant addContact(String status) {
        return service.add(WORKSPACE, conversation, contact("slackid", "U1", status, null)).member().participant();
    }

    private static NewConversationParticipant contact(String key, String value, String status, String selector) {
        return new NewConversationParticipant("contact", null, key, value, selector, true, status);
    }

    private static NewConversationParticipant byId(String type, String id) {
        return new NewConversationParticipant(type, id, null, null, null, false, null);
    }

    private static NewConversationParticipant input(String type, String id, String key, String value,
                                                    boolean hasContact, String status) {
        return new NewConversationParticipant(type, id, key, value, null, hasContact, status);
    }

    private static List<String> fields(ThrowingCallable call) {
        ValidationException invalid = catchThrowableOfType(ValidationException.class, call);
        assertThat(invalid).as("a validation error").isNotNull();
        List<String> fields = new ArrayList<>();
        for (FieldError error : invalid.errors()) {
            assertThat(error.reason()).isNotBlank();
            fields.add(error.field());
        }
        return fields;
    }
}
