package io.participants.domain.participant;

import io.participants.domain.common.ConflictException;
import io.participants.domain.common.FieldError;
import io.participants.domain.common.NotFoundException;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.ValidationException;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.IntegrationConfigService;
import io.participants.domain.testing.InMemoryAvatarStore;
import io.participants.domain.testing.InMemoryIntegrationConfigStore;
import io.participants.domain.testing.InMemoryParticipantStore;
import io.participants.domain.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Channel addresses written in their provider's one spelling, and the lookup of a participant by channel, over the
 * in-memory stores.
 */
class ChannelLookupTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId GLOBEX = new TenantId("globex");

    private final TestClock clock = new TestClock(1_700_000_000_000L);
    private final InMemoryIntegrationConfigStore configStore = new InMemoryIntegrationConfigStore();
    private final InMemoryParticipantStore store = new InMemoryParticipantStore(configStore);
    private final ParticipantService service = new ParticipantService(store, configStore, InMemoryAvatarStore::new,
            clock);
    private IntegrationConfig slack;
    private IntegrationConfig email;
    private IntegrationConfig sms;
    private IntegrationConfig whatsapp;

    @BeforeEach
    void configs() {
        IntegrationConfigService configs = new IntegrationConfigService(configStore, clock);
        slack = configs.create(ACME, "SLACK", "Acme Slack");
        email = configs.create(ACME, "EMAIL", "Acme mail");
        sms = configs.create(ACME, "SMS", "Acme SMS");
        whatsapp = configs.create(ACME, "WHATSAPP", "Acme WhatsApp");
    }

    @Test
    void channelsAreStoredInTheirProvidersSpelling() {
        Participant ada = service.create(ACME, person("Ada", channel(slack, "u0123abcd"),
                channel(email, "Ada.Lovelace@Example.COM"), channel(sms, "+1 (415) 555-0100"),
                channel(whatsapp, "+44 20 7946 0958"), channel(email, "not an email")));

        assertThat(ada.channels()).extracting(Channel::address).containsExactly("U0123ABCD",
                "ada.lovelace@example.com", "+14155550100", "+442079460958", "not an email");
        assertThat(service.get(ACME, ada.id())).isEqualTo(ada);
    }

    @Test
    void aPatchStoresItsChannelsInTheirProvidersSpellingToo() {
        Participant ada = service.create(ACME, person("Ada"));

        Participant patched = service.update(ACME, ada.id(), new ParticipantChanges(null, null, null, null,
                List.of(channel(email, "ADA@EXAMPLE.COM")), null, null), null);

        assertThat(patched.channels()).extracting(Channel::address).containsExactly("ada@example.com");
    }

    @Test
    void twoSpellingsOfOneAddressInOneRequestAreARepeat() {
        assertThatThrownBy(() -> service.create(ACME, person("Ada", channel(email, "ada@example.com"),
                channel(email, "Ada@Example.com")))).satisfies(fieldError("channels[1]"));
        assertThatThrownBy(() -> service.create(ACME, person("Ada", channel(sms, "+14155550100"),
                channel(slack, "U0123ABCD"), channel(sms, "+1 415 555 0100")))).satisfies(fieldError("channels[2]"));
        // one address on two configs is two channels
        assertThat(service.create(ACME, person("Ada", channel(sms, "+14155550100"),
                channel(whatsapp, "+1 415 555 0100"))).channels()).hasSize(2);
    }

    @Test
    void twoSpellingsOfOneAddressCannotBeClaimedByTwoParticipants() {
        service.create(ACME, person("Ada", channel(email, "ada@example.com")));

        assertThatThrownBy(() -> service.create(ACME, person("Impostor", channel(email, "ADA@example.com"))))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo("channel-claimed"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "slack    | U0123ABCD        | u0123abcd",
            "email    | ada@example.com  | ADA@Example.com",
            "sms      | +14155550100     | +1 (415) 555-0100",
            "whatsapp | +1.415.555.0100  | +1 415 555 0100"})
    void everySpellingFindsTheOneHolder(String config, String written, String asked) {
        IntegrationConfig on = configNamed(config);
        Participant ada = service.create(ACME, person("Ada", channel(on, written)));
        service.create(ACME, person("Bob", channel(on, config.equals("slack") ? "U0456EFGH" : "bob@example.com")));

        for (String address : List.of(written, asked, on.provider().normalise(asked))) {
            ChannelHolder holder = service.findByChannel(ACME, on.id().toString(), address);

            assertThat(holder.participant()).as(address).isEqualTo(ada);
            assertThat(holder.config()).isEqualTo(on);
        }
    }

    @Test
    void aConfigIdInCapitalsIsTheSameConfig() {
        Participant ada = service.create(ACME, person("Ada", channel(slack, "U0123ABCD")));

        assertThat(service.findByChannel(ACME, slack.id().toString().toUpperCase(), "U0123ABCD").participant())
                .isEqualTo(ada);
    }

    @Test
    void aChannelStoredBeforeNormalisationIsFoundByItsOwnSpelling() {
        // written by an earlier version, which stored addresses as given
        Participant legacy = new Participant(ACME, UUID.randomUUID(), ParticipantKind.PERSON, "Legacy", null, null,
                List.of(new Channel(email.id(), "Old.Spelling@Example.com", 0, null, false, email.provider())),
                new TreeSet<>(), null, null, null, 1L, 1L, 1);
        store.create(legacy);

        assertThat(service.findByChannel(ACME, email.id().toString(), "Old.Spelling@Example.com").participant())
                .isEqualTo(legacy);
        // no other spelling reaches it until it is written again
        assertThatThrownBy(() -> service.findByChannel(ACME, email.id().toString(), "old.spelling@example.com"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theNormalisedSpellingWinsOverALegacyOneOfAnotherHolder() {
        Participant legacy = new Participant(ACME, UUID.randomUUID(), ParticipantKind.PERSON, "Legacy", null, null,
                List.of(new Channel(email.id(), "Ada@Example.com", 0, null, false, email.provider())),
                new TreeSet<>(), null, null, null, 1L, 1L, 1);
        store.create(legacy);
        Participant ada = service.create(ACME, person("Ada", channel(email, "ada@example.com")));

        assertThat(service.findByChannel(ACME, email.id().toString(), "Ada@Example.com").participant())
                .isEqualTo(ada);
    }

    @Test
    void aDisabledParticipantIsStillFound() {
        Participant ada = service.create(ACME, person("Ada", channel(slack, "U0123ABCD")));
        Participant disabled = service.disable(ACME, ada.id());

        assertThat(service.findByChannel(ACME, slack.id().toString(), "U0123ABCD").participant())
                .isEqualTo(disabled);
    }

    @Test
    void aMovedChannelIsFoundWithItsNewHolder() {
        Participant ada = service.create(ACME, person("Ada", channel(email, "desk@example.com")));
        Participant bob = service.create(ACME, person("Bob"));
        service.update(ACME, ada.id(), new ParticipantChanges(null, null, null, null, List.of(), null, null), null);
        Participant moved = service.update(ACME, bob.id(), new ParticipantChanges(null, null, null, null,
                List.of(channel(email, "Desk@Example.com")), null, null), null);

        assertThat(service.findByChannel(ACME, email.id().toString(), "desk@example.com").participant())
                .isEqualTo(moved);
    }

    @Test
    void noHolderAnUnknownConfigAndAnotherTenantsConfigAreNotFound() {
        service.create(ACME, person("Ada", channel(email, "ada@example.com")));
        IntegrationConfig foreign = new IntegrationConfigService(configStore, clock).create(GLOBEX, "EMAIL", "G");
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> service.findByChannel(ACME, email.id().toString(), "Nobody@Example.com"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("No participant holds the address nobody@example.com on integration config "
                        + email.id());
        assertThatThrownBy(() -> service.findByChannel(ACME, unknown.toString(), "ada@example.com"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("Integration config " + unknown + " was not found");
        assertThatThrownBy(() -> service.findByChannel(ACME, foreign.id().toString(), "ada@example.com"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("Integration config " + foreign.id() + " was not found");
        // the address on another config of the same tenant is another channel
        assertThatThrownBy(() -> service.findByChannel(ACME, slack.id().toString(), "ada@example.com"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aDeletedParticipantsChannelIsNotFound() {
        Participant ada = service.create(ACME, person("Ada", channel(email, "ada@example.com")));
        service.delete(ACME, ada.id(), null);

        assertThatThrownBy(() -> service.findByChannel(ACME, email.id().toString(), "ada@example.com"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aClaimWhoseParticipantVanishedIsNotFound() {
        Participant ada = service.create(ACME, person("Ada", channel(email, "ada@example.com")));
        store.dropParticipantOnly(ACME, ada.id());

        assertThatThrownBy(() -> service.findByChannel(ACME, email.id().toString(), "ada@example.com"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageStartingWith("No participant holds the address ada@example.com");
    }

    @Test
    void parametersAreCheckedAndNamed() {
        String config = email.id().toString();
        assertThatThrownBy(() -> service.findByChannel(ACME, null, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("integrationConfigId", "address"));
        assertThatThrownBy(() -> service.findByChannel(ACME, " ", "a@b.io")).satisfies(fieldError("integrationConfigId"));
        assertThatThrownBy(() -> service.findByChannel(ACME, "not-a-uuid", "a@b.io"))
                .satisfies(fieldError("integrationConfigId"));
        assertThatThrownBy(() -> service.findByChannel(ACME, config, "")).satisfies(fieldError("address"));
        assertThatThrownBy(() -> service.findByChannel(ACME, config, "   ")).satisfies(fieldError("address"));
        assertThatThrownBy(() -> service.findByChannel(ACME, config, "a".repeat(257))).satisfies(fieldError("address"));
        // 256 characters, but over the 900 bytes a key may hold
        assertThatThrownBy(() -> service.findByChannel(ACME, config, "\uD83D\uDE00".repeat(256)))
                .satisfies(fieldError("address"));
        assertThatThrownBy(() -> service.findByChannel(ACME, config, "ada@example.com\u0000"))
                .satisfies(fieldError("address"));
    }

    private IntegrationConfig configNamed(String name) {
        return switch (name) {
            case "slack" -> slack;
            case "email" -> email;
            case "sms" -> sms;
            case "whatsapp" -> whatsapp;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static NewParticipant person(String name, ChannelInput... channels) {
        return new NewParticipant(null, name, null, null, List.of(channels), List.of());
    }

    private static ChannelInput channel(IntegrationConfig config, String address) {
        return new ChannelInput(config.id().toString(), address, null, null, null);
    }

    private static org.assertj.core.api.ThrowingConsumer<Throwable> fieldError(String field) {
        return error -> assertThat(error).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly(field));
    }
}
