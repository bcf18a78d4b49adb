package io.participants.domain.integration;

import io.participants.domain.common.ConflictException;
import io.participants.domain.common.FieldError;
import io.participants.domain.common.NotFoundException;
import io.participants.domain.common.PageRequest;
import io.participants.domain.common.RefusedException;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.ValidationException;
import io.participants.domain.testing.InMemoryIntegrationConfigStore;
import io.participants.domain.testing.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Creating, listing and deleting a tenant's integration configs. */
class IntegrationConfigServiceTest {

    private static final TenantId ACME = new TenantId("acme");

    private final TestClock clock = new TestClock(1_700_000_000_000L);
    private final InMemoryIntegrationConfigStore store = new InMemoryIntegrationConfigStore();
    private final IntegrationConfigService service = new IntegrationConfigService(store, clock);

    @Test
    void createChecksProviderAndNameTogether() {
        assertThatThrownBy(() -> service.create(ACME, "FAX", " "))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("provider", "name"));
        assertThatThrownBy(() -> service.create(ACME, "SLACK", "n".repeat(151)))
                .isInstanceOf(ValidationException.class);
        assertThat(service.create(ACME, "SLACK", "n".repeat(150)).provider()).isEqualTo(Provider.SLACK);
    }

    @Test
    void aNameWithControlCharactersIsRefusedLikeEveryOtherName() {
        for (String name : new String[] {"\u0000", "Acme\u0000Slack", "tab\there", "line\nbreak", "del\u007F", "c1\u0085"}) {
            assertThatThrownBy(() -> service.create(ACME, "EMAIL", name))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                            .extracting(FieldError::field).containsExactly("name"));
        }
        assertThat(store.list(ACME, PageRequest.of(null, null, 20)).results()).isEmpty();
        assertThat(service.create(ACME, "EMAIL", "Acme \u00e9\u202e\ud83d\ude00").name()).isEqualTo("Acme \u00e9\u202e\ud83d\ude00");
    }

    @Test
    void aNamesLengthIsCountedInCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDCAC"; // one character, two UTF-16 units
        assertThat(service.create(ACME, "SLACK", emoji.repeat(IntegrationConfigService.MAX_NAME_LENGTH)).name())
                .hasSize(2 * IntegrationConfigService.MAX_NAME_LENGTH);
        assertThatThrownBy(() -> service.create(ACME, "SLACK",
                emoji.repeat(IntegrationConfigService.MAX_NAME_LENGTH + 1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("name"));
    }

    @Test
    void anUpdateTurnsGravatarOnAndOffForEmailConfigsOnly() {
        IntegrationConfig mail = service.create(ACME, "EMAIL", "Acme mail");
        assertThat(service.update(ACME, mail.id(), true).gravatar()).isTrue();
        assertThat(service.get(ACME, mail.id()).gravatar()).isTrue();
        assertThat(service.update(ACME, mail.id(), false).gravatar()).isFalse();

        IntegrationConfig slack = service.create(ACME, "SLACK", "Acme Slack");
        assertThatThrownBy(() -> service.update(ACME, slack.id(), true))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("gravatar"));
        assertThat(service.update(ACME, slack.id(), false).gravatar()).isFalse();
        assertThatThrownBy(() -> service.update(ACME, mail.id(), (Boolean) null)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> service.update(ACME, UUID.randomUUID(), true)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.update(new TenantId("globex"), mail.id(), true))
                .isInstanceOf(NotFoundException.class);
        assertThat(service.get(ACME, mail.id()).gravatar()).isFalse();
    }

    @Test
    void anAvatarSyncIntervalIsSetOnCreateWithinOneHourToThirtyDays() {
        assertThat(service.create(ACME, "SLACK", "six", null, "PT6H").avatarSyncInterval())
                .isEqualTo(Duration.ofHours(6));
        assertThat(service.create(ACME, "SLACK", "day", null, "P1D").avatarSyncInterval())
                .isEqualTo(Duration.ofDays(1));
        assertThat(service.create(ACME, "SLACK", "floor", null, "PT1H").avatarSyncInterval())
                .isEqualTo(Duration.ofHours(1));
        assertThat(service.create(ACME, "SLACK", "ceiling", null, "P30D").avatarSyncInterval())
                .isEqualTo(Duration.ofDays(30));
        assertThat(service.create(ACME, "SLACK", "none", null, null).avatarSyncInterval()).isNull();
        int before = store.list(ACME, PageRequest.of(null, null, 20)).results().size();
        for (String bad : new String[] {"6 hours", "", "PT59M59S", "PT0S", "-PT6H", "P30DT1S", "P31D", "P1M",
                "PT99999999999999999999H"}) {
            assertThatThrownBy(() -> service.create(ACME, "SLACK", "bad", null, bad)).as(bad)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                            .extracting(FieldError::field).containsExactly("avatarSyncInterval"));
        }
        assertThat(store.list(ACME, PageRequest.of(null, null, 20)).results()).hasSize(before);
    }

    @Test
    void anUpdateSetsChangesAndClearsTheIntervalLeavingGravatarAsItIs() {
        IntegrationConfig mail = service.create(ACME, "EMAIL", "Acme mail", true);
        IntegrationConfig set = service.update(ACME, mail.id(), new IntegrationConfigChanges(null, true, "PT6H"));
        assertThat(set.avatarSyncInterval()).isEqualTo(Duration.ofHours(6));
        assertThat(set.gravatar()).isTrue();
        assertThat(service.get(ACME, mail.id()).avatarSyncInterval()).isEqualTo(Duration.ofHours(6));
        assertThat(store.avatarSyncInterval(ACME, mail.id())).contains(Duration.ofHours(6));

        // Gravatar alone leaves the interval
        assertThat(service.update(ACME, mail.id(), false).avatarSyncInterval()).isEqualTo(Duration.ofHours(6));
        assertThatThrownBy(() -> service.update(ACME, mail.id(), new IntegrationConfigChanges(null, true, "PT30M")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("avatarSyncInterval"));
        assertThat(service.get(ACME, mail.id()).avatarSyncInterval()).isEqualTo(Duration.ofHours(6));

        IntegrationConfig cleared = service.update(ACME, mail.id(), new IntegrationConfigChanges(null, true, null));
        assertThat(cleared.avatarSyncInterval()).isNull();
        assertThat(store.avatarSyncInterval(ACME, mail.id())).isEmpty();
        assertThat(service.get(ACME, mail.id()).gravatar()).isFalse();

        // an update must name something
        assertThatThrownBy(() -> service.update(ACME, mail.id(), new IntegrationConfigChanges(null, false, null)))
                .isInstanceOf(ValidationException.class);
        // the interval applies to every provider; Gravatar still to EMAIL only, and a refused update writes nothing
        IntegrationConfig slack = service.create(ACME, "SLACK", "Acme Slack");
        assertThat(service.update(ACME, slack.id(), new IntegrationConfigChanges(null, true, "P7D"))
                .avatarSyncInterval()).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> service.update(ACME, slack.id(), new IntegrationConfigChanges(true, true, "PT2H")))
                .isInstanceOf(ValidationException.class);
        assertThat(service.get(ACME, slack.id()).avatarSyncInterval()).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> service.update(new TenantId("globex"), slack.id(),
                new IntegrationConfigChanges(null, true, "PT2H"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void messageTextInEventsIsOffByDefaultAndSetOnCreateForProvidersWithInboundMessages() {
        assertThat(service.create(ACME, "SLACK", "default").messageTextInEvents()).isFalse();
        assertThat(service.create(ACME, "SLACK", "null", null, null, null).messageTextInEvents()).isFalse();
        for (String provider : new String[] {"SLACK", "TELEGRAM", "SMS", "WHATSAPP", "MICROSOFT_TEAMS"}) {
            assertThat(service.create(ACME, provider, "on " + provider, null, null, true).messageTextInEvents())
                    .as(provider).isTrue();
        }
        // off on an EMAIL config is what it has anyway; on is refused, with the webhook routes' problem type
        assertThat(service.create(ACME, "EMAIL", "mail off", null, null, false).messageTextInEvents()).isFalse();
        int before = store.list(ACME, PageRequest.of(null, null, 20)).results().size();
        assertThatThrownBy(() -> service.create(ACME, "EMAIL", "mail on", null, null, true))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo("no-inbound-messages"));
        assertThat(store.list(ACME, PageRequest.of(null, null, 20)).results()).hasSize(before);
        // field errors come first, all of them
        assertThatThrownBy(() -> service.create(ACME, "EMAIL", " ", null, null, true))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("name"));
    }

    @Test
    void anUpdateTurnsMessageTextOnAndOffLeavingTheRestAsItIs() {
        IntegrationConfig slack = service.create(ACME, "SLACK", "Acme Slack", null, "PT6H");
        IntegrationConfig on = service.update(ACME, slack.id(), IntegrationConfigChanges.messageTextInEvents(true));
        assertThat(on.messageTextInEvents()).isTrue();
        assertThat(on.avatarSyncInterval()).isEqualTo(Duration.ofHours(6));
        assertThat(service.get(ACME, slack.id()).messageTextInEvents()).isTrue();

        // the interval alone leaves it on, and so does setting what it has
        assertThat(service.update(ACME, slack.id(), new IntegrationConfigChanges(null, true, null))
                .messageTextInEvents()).isTrue();
        assertThat(service.update(ACME, slack.id(), IntegrationConfigChanges.messageTextInEvents(true))
                .messageTextInEvents()).isTrue();
        IntegrationConfig off = service.update(ACME, slack.id(), new IntegrationConfigChanges(null, true, "P1D",
                false));
        assertThat(off.messageTextInEvents()).isFalse();
        assertThat(off.avatarSyncInterval()).isEqualTo(Duration.ofDays(1));

        // a refused update writes nothing, not even its valid fields
        assertThatThrownBy(() -> service.update(ACME, slack.id(), new IntegrationConfigChanges(true, false, null,
                true))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> service.update(ACME, slack.id(), new IntegrationConfigChanges(null, true, "PT1M",
                true))).isInstanceOf(ValidationException.class);
        assertThat(service.get(ACME, slack.id()).messageTextInEvents()).isFalse();

        IntegrationConfig mail = service.create(ACME, "EMAIL", "Acme mail");
        assertThatThrownBy(() -> service.update(ACME, mail.id(), new IntegrationConfigChanges(true, true, "PT6H",
                true))).isInstanceOfSatisfying(RefusedException.class,
                e -> assertThat(e.reason()).isEqualTo("no-inbound-messages"));
        assertThat(service.get(ACME, mail.id()).gravatar()).isFalse();
        assertThat(service.get(ACME, mail.id()).avatarSyncInterval()).isNull();
        assertThat(service.update(ACME, mail.id(), IntegrationConfigChanges.messageTextInEvents(false))
                .messageTextInEvents()).isFalse();
        assertThatThrownBy(() -> service.update(new TenantId("globex"), slack.id(),
                IntegrationConfigChanges.messageTextInEvents(true))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void configsAreListedInCreationOrder() {
        var first = service.create(ACME, "SLACK", "one");
        var second = service.create(ACME, "EMAIL", "two");

        assertThat(service.list(ACME, PageRequest.of(null, null, 20)).results()).containsExactly(first, second);
    }

    @Test
    void deleteOfAMissingConfigIsNotFoundAndOfAUsedOneAConflict() {
        var used = service.create(ACME, "SMS", "texts");
        store.inUseWhen(used.id()::equals);

        assertThatThrownBy(() -> service.delete(ACME, UUID.randomUUID())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.delete(ACME, used.id()))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo("integration-config-in-use"));
        store.inUseWhen(id -> false);
        service.delete(ACME, used.id());
        assertThatThrownBy(() -> service.get(ACME, used.id())).isInstanceOf(NotFoundException.class);
    }
}
