package io.participants.domain.participant;

import io.participants.domain.common.ConflictException;
import io.participants.domain.common.FieldError;
import io.participants.domain.common.NotFoundException;
import io.participants.domain.common.PageRequest;
import io.participants.domain.common.PreconditionFailedException;
import io.participants.domain.common.TenantId;
import io.participants.domain.avatar.AvatarImage;
import io.participants.domain.connection.Connection;
import io.participants.domain.connection.ConnectionState;
import io.participants.domain.common.ValidationException;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.IntegrationConfigService;
import io.participants.domain.integration.Provider;
import io.participants.domain.testing.InMemoryAvatarStore;
import io.participants.domain.testing.InMemoryIntegrationConfigStore;
import io.participants.domain.testing.InMemoryParticipantStore;
import io.participants.domain.testing.TestClock;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The participant use cases over in-memory stores: validation, merge rules, versions and retries. */
class ParticipantServiceTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId GLOBEX = new TenantId("globex");

    private final TestClock clock = new TestClock(1_700_000_000_000L);
    private final InMemoryParticipantStore store = new InMemoryParticipantStore();
    private final InMemoryIntegrationConfigStore configStore = new InMemoryIntegrationConfigStore();
    private final InMemoryAvatarStore avatars = new InMemoryAvatarStore();
    private final ParticipantService service = new ParticipantService(store, configStore, () -> avatars, clock);
    private IntegrationConfig slack;
    private IntegrationConfig email;

    @BeforeEach
    void configs() {
        IntegrationConfigService configs = new IntegrationConfigService(configStore, clock);
        slack = configs.create(ACME, "SLACK", "Acme Slack");
        email = configs.create(ACME, "EMAIL", "Acme mail");
    }

    @Test
    void createStartsAtVersionOneWithDefaultsAndResolvedProviders() {
        Participant created = service.create(ACME, new NewParticipant(null, "Ada", "ada@example.com", null,
                List.of(channel(slack, "U0123ABCD"), channel(email, "ada@example.com")), List.of("b", "a", "b")));

        assertThat(created.version()).isEqualTo(1);
        assertThat(created.kind()).isEqualTo(ParticipantKind.PERSON);
        assertThat(created.createdAt()).isEqualTo(clock.millis()).isEqualTo(created.modifiedAt());
        assertThat(created.channels()).extracting(Channel::provider).containsExactly(Provider.SLACK, Provider.EMAIL);
        assertThat(created.agentIds()).containsExactly("a", "b");
        assertThat(service.get(ACME, created.id())).isEqualTo(created);
    }

    @Test
    void createReportsEveryBrokenRuleAtOnce() {
        assertThatThrownBy(() -> service.create(ACME, new NewParticipant("ROBOT", " ", "not-an-email",
                "", null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactlyInAnyOrder("kind", "displayName", "email", "relatedAgentId"));
    }

    @Test
    void displayNameIsCountedInCodePointsAndRefusesControlCharacters() {
        String emoji = "\uD83D\uDE00";
        assertThat(service.create(ACME, named(emoji.repeat(150))).displayName()).hasSize(300);
        assertThatThrownBy(() -> service.create(ACME, named("x".repeat(151)))).satisfies(fieldError("displayName"));
        assertThatThrownBy(() -> service.create(ACME, named("tab\there"))).satisfies(fieldError("displayName"));
        assertThatThrownBy(() -> service.create(ACME, named(null))).satisfies(fieldError("displayName"));
    }

    @Test
    void labelsAndAddressesAreCountedInCodePoints() {
        String emoji = "\uD83D\uDE00";
        ChannelInput labelled = new ChannelInput(slack.id().toString(), "U0LABEL", null, emoji.repeat(100), null);
        ChannelInput tooLong = new ChannelInput(slack.id().toString(), "U0LONG", null, emoji.repeat(101), null);

        assertThat(service.create(ACME, new NewParticipant(null, "L", null, null, List.of(labelled), null))
                .channels().get(0).label()).hasSize(200);
        assertThatThrownBy(() -> service.create(ACME, new NewParticipant(null, "L", null, null, List.of(tooLong),
                null))).satisfies(fieldError("channels[0].label"));
        assertThatThrownBy(() -> service.create(ACME, new NewParticipant(null, "A", null, null,
                List.of(channel(email, "a".repeat(257))), null))).satisfies(fieldError("channels[0].address"));
    }

    @Test
    void channelsMustNameAConfigOfTheSameTenant() {
        IntegrationConfig foreign = new IntegrationConfigService(configStore, clock).create(GLOBEX, "SLACK", "G");

        assertThatThrownBy(() -> service.create(ACME, new NewParticipant(null, "X", null, null,
                List.of(channel(slack, "U1111"), channel(foreign, "U2222")), null)))
                .satisfies(fieldError("channels[1].integrationConfigId"));
        assertThatThrownBy(() -> service.create(ACME, new NewParticipant(null, "X", null, null,
                List.of(new ChannelInput(UUID.randomUUID().toString(), "U3333", null, null, null)), null)))
                .satisfies(fieldError("channels[0].integrationConfigId"));
    }

    @Test
    void channelAndAgentCountsAreBoundedAndDuplicateChannelsRefused() {
        List<ChannelInput> eleven = IntStream.range(0, 11).mapToObj(i -> channel(slack, "U000" + i)).toList();
        List<String> twentySix = IntStream.range(0, 26).mapToObj(i -> "agent-" + i).toList();

        assertThatThrownBy(() -> service.create(ACME, new NewParticipant(null, "X", null, null, eleven, null)))
                .satisfies(fieldError("channels"));
        assertThatThrownBy(() -> service.create(ACME, new NewParticipant(null, "X", null, null, null, twentySix)))
                .satisfies(fieldError("agentIds"));
        assertThatThrownBy(() -> service.create(ACME, new NewParticipant(null, "X", null, null,
                List.of(channel(slack, "U0001"), channel(slack, "U0001")), null)))
                .satisfies(fieldError("channels[1]"));
    }

    @Test
    void nullFieldsOfAPatchLeaveTheParticipantAsItWas() {
        Participant created = service.create(ACME, new NewParticipant("GROUP", "Team", "team@example.com", "rel-1",
                List.of(channel(slack, "C0TEAM")), List.of("a1")));
        clock.advance(1000);

        Participant updated = service.update(ACME, created.id(), changes("Team B", null, null, null, null), null);

        assertThat(updated.displayName()).isEqualTo("Team B");
        assertThat(updated.email()).isEqualTo("team@example.com");
        assertThat(updated.relatedAgentId()).isEqualTo("rel-1");
        assertThat(updated.channels()).isEqualTo(created.channels());
        assertThat(updated.agentIds()).containsExactly("a1");
        assertThat(updated.kind()).isEqualTo(ParticipantKind.GROUP);
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.modifiedAt()).isEqualTo(clock.millis());
        assertThat(updated.createdAt()).isEqualTo(created.createdAt());
    }

    @Test
    void anEmptyOrUnchangingPatchKeepsTheVersion() {
        Participant created = service.create(ACME, named("Same"));

        assertThat(service.update(ACME, created.id(), changes(null, null, null, null, null), null))
                .isEqualTo(created);
        assertThat(service.update(ACME, created.id(), changes("Same", null, null, null, null), null).version())
                .isEqualTo(1);
        assertThat(store.updateAttempts()).isZero();
    }

    @Test
    void channelsAreReplacedAsAWholeList() {
        Participant created = service.create(ACME, new NewParticipant(null, "C", null, null,
                List.of(channel(slack, "U0AAA"), channel(email, "c@example.com")), null));

        Participant replaced = service.update(ACME, created.id(),
                changes(null, null, List.of(channel(email, "new@example.com")), null, null), null);
        assertThat(replaced.channels()).extracting(Channel::address).containsExactly("new@example.com");

        Participant cleared = service.update(ACME, created.id(), changes(null, null, List.of(), null, null), null);
        assertThat(cleared.channels()).isEmpty();
        // The released channel is free for another participant.
        assertThat(service.create(ACME, new NewParticipant(null, "D", null, null, List.of(channel(slack, "U0AAA")),
                null)).channels()).hasSize(1);
    }

    @Test
    void agentIdsBecomeExactlyTheGivenSet() {
        Participant created = service.create(ACME, new NewParticipant(null, "A", null, null, null,
                List.of("a1", "a2")));

        Participant reconciled = service.update(ACME, created.id(),
                changes(null, null, null, List.of("a3", "a2", "a3"), null), null);
        assertThat(reconciled.agentIds()).containsExactly("a2", "a3");

        Participant cleared = service.update(ACME, created.id(), changes(null, null, null, List.of(), null), null);
        assertThat(cleared.agentIds()).isEmpty();
    }

    @Test
    void anEmptyAvatarFileIdClearsTheAvatarAndNoOtherValueIsAccepted() {
        Participant created = service.create(ACME, named("Avatar"));
        Participant withAvatar = new Participant(ACME, created.id(), created.kind(), created.displayName(), null,
                null, List.of(), created.agentIds(), null, new Avatar("file-1", null, null, null, null, null), null,
                created.createdAt(), created.modifiedAt(), 2);
        store.update(created, withAvatar);

        assertThat(service.update(ACME, created.id(), changes("Avatar", null, null, null, null), null)
                .avatarFileId()).isEqualTo("file-1");
        assertThatThrownBy(() -> service.update(ACME, created.id(), changes(null, null, null, null, "file-2"), null))
                .satisfies(fieldError("avatarFileId"));
        Participant cleared = service.update(ACME, created.id(), changes(null, null, null, null, ""), null);
        assertThat(cleared.avatarFileId()).isNull();
        assertThat(cleared.version()).isEqualTo(3);
    }

    @Test
    void kindCannotChangeButMayBeRepeated() {
        Participant bot = service.create(ACME, new NewParticipant("AI_AGENT", "Bot", null, null, null, null));

        assertThatThrownBy(() -> service.update(ACME, bot.id(),
                new ParticipantChanges("PERSON", null, null, null, null, null, null), null))
                .satisfies(fieldError("kind"));
        assertThatThrownBy(() -> service.update(ACME, bot.id(),
                new ParticipantChanges("ROBOT", null, null, null, null, null, null), null))
                .satisfies(fieldError("kind"));
        assertThat(service.update(ACME, bot.id(),
                new ParticipantChanges("AI_AGENT", "Bot 2", null, null, null, null, null), null).displayName())
                .isEqualTo("Bot 2");
    }

    @Test
    void ifMatchMustNameTheStoredVersion() {
        Participant created = service.create(ACME, named("Versioned"));

        assertThatThrownBy(() -> service.update(ACME, created.id(), changes("X", null, null, null, null), 2L))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(service.update(ACME, created.id(), changes("Y", null, null, null, null), 1L).version())
                .isEqualTo(2);
        assertThatThrownBy(() -> service.delete(ACME, created.id(), 1L))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(service.get(ACME, created.id()).displayName()).isEqualTo("Y");
        service.delete(ACME, created.id(), 2L);
        assertThatThrownBy(() -> service.get(ACME, created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aLostRaceUnderIfMatchIsAFailedPreconditionWithoutRetry() {
        Participant created = service.create(ACME, named("Raced"));
        store.loseRaces(1, null);

        assertThatThrownBy(() -> service.update(ACME, created.id(), changes("X", null, null, null, null), 1L))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(store.updateAttempts()).isEqualTo(1);
    }

    @Test
    void withoutIfMatchALostRaceIsRetriedOnTheFreshState() {
        Participant created = service.create(ACME, new NewParticipant(null, "Before", null, null, null, null));
        Participant other = new Participant(ACME, created.id(), created.kind(), "Other writer", null, null,
                List.of(), new TreeSet<>(Set.of("theirs")), null, null, null, created.createdAt(), created.modifiedAt(), 2);
        store.loseRaces(ParticipantService.MAX_ATTEMPTS - 1, other);

        Participant updated = service.update(ACME, created.id(), changes(null, "mine@example.com", null, null, null),
                null);

        assertThat(store.updateAttempts()).isEqualTo(ParticipantService.MAX_ATTEMPTS);
        assertThat(updated.version()).isEqualTo(3);
        assertThat(updated.email()).isEqualTo("mine@example.com");
        assertThat(updated.displayName()).isEqualTo("Other writer");
        assertThat(updated.agentIds()).containsExactly("theirs");
    }

    @Test
    void afterTheLastAttemptTheCallerIsToldToRetry() {
        Participant created = service.create(ACME, named("Contended"));
        store.loseRaces(ParticipantService.MAX_ATTEMPTS, null);

        assertThatThrownBy(() -> service.update(ACME, created.id(), changes("X", null, null, null, null), null))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo("concurrent-modification"));
        assertThat(store.updateAttempts()).isEqualTo(ParticipantService.MAX_ATTEMPTS);
        assertThat(service.get(ACME, created.id()).displayName()).isEqualTo("Contended");
    }

    @Test
    void deleteRetriesLikeUpdate() {
        Participant created = service.create(ACME, named("Doomed"));
        store.loseRaces(ParticipantService.MAX_ATTEMPTS - 1, null);
        service.delete(ACME, created.id(), null);
        assertThatThrownBy(() -> service.get(ACME, created.id())).isInstanceOf(NotFoundException.class);

        Participant second = service.create(ACME, named("Survivor"));
        store.loseRaces(ParticipantService.MAX_ATTEMPTS, null);
        assertThatThrownBy(() -> service.delete(ACME, second.id(), null)).isInstanceOf(ConflictException.class);
    }

    @Test
    void anotherTenantsParticipantIsMissing() {
        Participant created = service.create(ACME, named("Private"));

        assertThatThrownBy(() -> service.get(GLOBEX, created.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.update(GLOBEX, created.id(), changes("X", null, null, null, null), null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.bind(GLOBEX, created.id(), "a1")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void agentIdsOfBindingsAndFiltersAreChecked() {
        Participant created = service.create(ACME, named("Bound"));

        assertThatThrownBy(() -> service.bind(ACME, created.id(), "a b")).satisfies(fieldError("agentId"));
        assertThatThrownBy(() -> service.list(ACME, PageRequest.of(null, null, 20),
                "x".repeat(129))).satisfies(fieldError("agentId"));
        service.bind(ACME, created.id(), "agent.1:x_y-z");
        assertThat(service.get(ACME, created.id()).agentIds()).containsExactly("agent.1:x_y-z");
    }

    @Test
    void theDotSegmentsAreNoAgentIds() {
        // PUT .../bindings/.. would be resolved to the participant itself by any client: such an id is unreachable
        Participant created = service.create(ACME, named("Dots"));

        for (String dots : List.of(".", "..")) {
            assertThatThrownBy(() -> service.bind(ACME, created.id(), dots)).satisfies(fieldError("agentId"));
            assertThatThrownBy(() -> service.create(ACME, new NewParticipant(null, "Dots", null, null, null,
                    List.of(dots)))).satisfies(fieldError("agentIds[0]"));
        }
        service.bind(ACME, created.id(), "...");
        assertThat(service.get(ACME, created.id()).agentIds()).containsExactly("...");
    }

    @Test
    void clearingTheAvatarRemovesItsFileAndOtherChangesKeepIt() {
        Participant withAvatar = withAvatar(service.create(ACME, person("Ada")));
        String fileId = withAvatar.avatarFileId();

        service.update(ACME, withAvatar.id(), new ParticipantChanges(null, "Ada L.", null, null, null, null, null), null);
        assertThat(avatars.contains(ACME, fileId)).isTrue();

        Participant cleared = service.update(ACME, withAvatar.id(),
                new ParticipantChanges(null, null, null, null, null, null, ""), null);

        assertThat(cleared.avatar()).isNull();
        assertThat(avatars.contains(ACME, fileId)).isFalse();
    }

    @Test
    void deletingAParticipantRemovesItsAvatarFile() {
        Participant withAvatar = withAvatar(service.create(ACME, person("Ada")));

        service.delete(ACME, withAvatar.id(), null);

        assertThat(avatars.contains(ACME, withAvatar.avatarFileId())).isFalse();
    }

    @Test
    void healthReadsTheConnectionOfEachSlackConfigOnce() {
        Participant ada = service.create(ACME, new NewParticipant(null, "Ada", null, null,
                List.of(channel(slack, "U0123ABCD"), channel(email, "ada@example.com")), List.of()));
        Participant bob = service.create(ACME, new NewParticipant(null, "Bob", null, null,
                List.of(channel(slack, "U0456EFGH")), List.of()));
        configStore.setConnection(ACME, slack.id(), new Connection(ConnectionState.TOKEN_REJECTED, "T1", "xoxb-…", 1L));

        var health = service.health(ACME, List.of(ada, bob));

        assertThat(health.get(ada.id()).reachable()).isTrue();
        assertThat(health.get(ada.id()).channels()).extracting(ChannelHealth::keyStatus)
                .containsExactly(KeyStatus.REJECTED, KeyStatus.UNSPECIFIED);
        assertThat(health.get(bob.id()).reachable()).isFalse();
        assertThat(health.get(bob.id()).reason()).isEqualTo(HealthReason.KEY_REJECTED);
    }

    private static NewParticipant person(String name) {
        return new NewParticipant(null, name, null, null, List.of(), List.of());
    }

    private Participant withAvatar(Participant participant) {
        String fileId = avatars.seed(ACME, new AvatarImage(new byte[]{1, 2, 3}, "image/png"));
        Participant updated = new Participant(participant.tenant(), participant.id(), participant.kind(),
                participant.displayName(), participant.email(), participant.relatedAgentId(), participant.channels(),
                participant.agentIds(), participant.disabledAt(),
                new Avatar(fileId, Avatar.Source.CHANNEL_SYNC, slack.id(), "U0123ABCD", 1L, "hash"), null,
                participant.createdAt(),
                participant.modifiedAt(), participant.version() + 1);
        store.update(participant, updated);
        return updated;
    }

    private static ChannelInput channel(IntegrationConfig config, String address) {
        return new ChannelInput(config.id().toString(), address, null, null, null);
    }

    private static NewParticipant named(String displayName) {
        return new NewParticipant(null, displayName, null, null, null, null);
    }

    private static ParticipantChanges changes(String displayName, String email, List<ChannelInput> channels,
                                              List<String> agentIds, String avatarFileId) {
        return new ParticipantChanges(null, displayName, email, null, channels, agentIds, avatarFileId);
    }

    private static ThrowingConsumer<Throwable> fieldError(String field) {
        return error -> assertThat(error).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).contains(field));
    }
}
