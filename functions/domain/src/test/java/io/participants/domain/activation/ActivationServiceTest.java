package io.participants.domain.activation;

import io.participants.domain.common.RefusedException;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.UnauthenticatedException;
import io.participants.domain.integration.IntegrationConfig;
import io.participants.domain.integration.IntegrationConfigChanges;
import io.participants.domain.integration.IntegrationConfigService;
import io.participants.domain.integration.Provider;
import io.participants.domain.participant.ChannelInput;
import io.participants.domain.participant.NewParticipant;
import io.participants.domain.participant.Participant;
import io.participants.domain.participant.ParticipantHealth;
import io.participants.domain.participant.ParticipantService;
import io.participants.domain.testing.InMemoryActivationStore;
import io.participants.domain.testing.InMemoryAvatarStore;
import io.participants.domain.testing.InMemoryIntegrationConfigStore;
import io.participants.domain.testing.InMemoryParticipantStore;
import io.participants.domain.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Webhook keys, activations and inbound messages over in-memory stores, with a verifier that trusts the body. */
class ActivationServiceTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId GLOBEX = new TenantId("globex");

    private final TestClock clock = new TestClock(1_700_000_000_000L);
    private final InMemoryIntegrationConfigStore configStore = new InMemoryIntegrationConfigStore();
    private final InMemoryParticipantStore participantStore = new InMemoryParticipantStore(configStore);
    private final InMemoryActivationStore store = new InMemoryActivationStore(configStore);
    private final ParticipantService participants = new ParticipantService(participantStore, configStore,
            InMemoryAvatarStore::new, clock);
    private final ActivationService service = new ActivationService(configStore, participantStore, store,
            List.of(new TrustingVerifier()), new WebhookUrls("https://api.example.com/v1/webhooks"),
            new SecureRandom(), clock);
    private IntegrationConfig slack;
    private IntegrationConfig telegram;

    /** Reads the body as "messageId address [text]", or answers a challenge for "challenge". */
    private static final class TrustingVerifier implements InboundVerifier {
        @Override
        public Set<Provider> providers() {
            return Set.of(Provider.SLACK, Provider.TELEGRAM);
        }

        @Override
        public InboundEvent verify(InboundRequest request, ConfigWebhook webhook) {
            String[] words = new String(request.body(), StandardCharsets.UTF_8).split(" ", 3);
            return words.length == 1 ? new InboundEvent.Challenge(words[0]) : new InboundEvent.Message(words[0],
                    words[1], words.length == 3 ? words[2] : null);
        }
    }

    @BeforeEach
    void configs() {
        IntegrationConfigService configs = new IntegrationConfigService(configStore, clock);
        slack = configs.create(ACME, "SLACK", "Acme Slack");
        telegram = configs.create(ACME, "TELEGRAM", "Acme bot");
    }

    @Test
    void keysAreRandomShapedAndStoredOnlyAsHashes() {
        WebhookKey key = WebhookKey.generate(new SecureRandom());
        assertThat(key.value()).startsWith(key.prefix() + "_").hasSize(60);
        assertThat(WebhookKey.prefixOf(key.value())).contains(key.prefix());
        assertThat(WebhookKey.prefixOf(key.prefix())).isEmpty();
        assertThat(WebhookKey.matches(key.value(), WebhookKey.hash(key.value()))).isTrue();
        assertThat(WebhookKey.matches(key.value() + "x", WebhookKey.hash(key.value()))).isFalse();
        assertThat(key.toString()).doesNotContain(key.value());
        assertThat(WebhookKey.generate(new SecureRandom()).value()).isNotEqualTo(key.value());
    }

    @Test
    void generateShowsTheFullUrlOnceThenThePrefix() {
        GeneratedWebhook first = service.generate(ACME, slack.id());
        GeneratedWebhook again = service.generate(ACME, slack.id());

        assertThat(first.webhookUrl()).startsWith("https://api.example.com/v1/webhooks/acme?key="
                + first.webhookKeyPrefix() + "_");
        assertThat(first.webhookUrlTemplate()).isEqualTo("https://api.example.com/v1/webhooks/acme?key={webhookKey}");
        assertThat(first.secretToken()).isNull();
        assertThat(again.webhookUrl()).isNull();
        assertThat(again.webhookKeyPrefix()).isEqualTo(first.webhookKeyPrefix());
        assertThat(service.generate(ACME, telegram.id()).secretToken()).hasSize(43);
    }

    @Test
    void perBindingAndInboundlessProvidersHaveNoConfigWebhook() {
        IntegrationConfigService configs = new IntegrationConfigService(configStore, clock);
        IntegrationConfig teams = configs.create(ACME, "MICROSOFT_TEAMS", "Teams");
        IntegrationConfig email = configs.create(ACME, "EMAIL", "Mail");

        assertThatThrownBy(() -> service.generate(ACME, teams.id())).isInstanceOf(RefusedException.class)
                .extracting(e -> ((RefusedException) e).reason()).isEqualTo("per-binding-activation");
        assertThatThrownBy(() -> service.rotate(ACME, email.id())).isInstanceOf(RefusedException.class)
                .extracting(e -> ((RefusedException) e).reason()).isEqualTo("no-inbound-messages");
    }

    @Test
    void activationsListOneEntryPerBindingAndChannelOfAConfigWithAWebhook() {
        GeneratedWebhook hook = service.generate(ACME, slack.id());
        Participant ada = participants.create(ACME, new NewParticipant(null, "Ada", null, null,
                List.of(channel(slack, "U0123ABCD"), channel(telegram, "42")), List.of("agent-b", "agent-a")));

        List<ChannelActivation> activations = service.activations(ada, service.state(ACME, List.of(ada)));

        assertThat(activations).extracting(ChannelActivation::agentId).containsExactly("agent-a", "agent-b");
        assertThat(activations).allSatisfy(a -> {
            assertThat(a.address()).isEqualTo("U0123ABCD");
            assertThat(a.webhookUrl()).isNull();
            assertThat(a.webhookKeyPrefix()).isEqualTo(hook.webhookKeyPrefix());
            assertThat(a.scope()).isEqualTo(ActivationScope.PER_CONFIG);
        });
        assertThat(activations.get(0).bindingId()).isNotEqualTo(activations.get(1).bindingId())
                .isEqualTo(ActivationService.bindingId(ada, "agent-a"));
    }

    @Test
    void aVerifiedMessageSetsLastMessageAtAndIsRecordedOncePerMessageId() {
        String url = service.generate(ACME, slack.id()).webhookUrl();
        String key = url.substring(url.indexOf("key=") + 4);
        Participant ada = participants.create(ACME, new NewParticipant(null, "Ada", null, null,
                List.of(channel(slack, "U0123ABCD")), List.of("agent-a")));

        service.receive(ACME, key, request("Ev1 u0123abcd"));
        long first = clock.millis();
        clock.advance(1000);
        service.receive(ACME, key, request("Ev1 U0123ABCD"));

        assertThat(store.received()).singleElement().satisfies(m -> {
            assertThat(m.participantId()).isEqualTo(ada.id());
            assertThat(m.agentIds()).containsExactly("agent-a");
            assertThat(m.address()).isEqualTo("U0123ABCD");
        });
        ParticipantHealth health = service.health(ada, participants.health(ACME, List.of(ada)).get(ada.id()),
                service.state(ACME, List.of(ada)));
        // the redelivery does not move it
        assertThat(health.channels().get(0).lastMessageAt()).isEqualTo(first);
    }

    @Test
    void aMessagesTextIsRecordedOnlyWhileItsConfigTurnsItOn() {
        String url = service.generate(ACME, slack.id()).webhookUrl();
        String key = url.substring(url.indexOf("key=") + 4);
        participants.create(ACME, new NewParticipant(null, "Ada", null, null, List.of(channel(slack, "U0123ABCD")),
                List.of("agent-a")));
        IntegrationConfigService configs = new IntegrationConfigService(configStore, clock);

        service.receive(ACME, key, request("Ev1 U0123ABCD the plans are under the mat"));
        configs.update(ACME, slack.id(), IntegrationConfigChanges.messageTextInEvents(true));
        service.receive(ACME, key, request("Ev2 U0123ABCD the plans are under the mat"));
        service.receive(ACME, key, request("Ev3 U0123ABCD"));
        service.receive(ACME, key, request("Ev4 U0123ABCD " + "\uD83D\uDCAC".repeat(MessageText.MAX_CHARACTERS + 1)));
        configs.update(ACME, slack.id(), IntegrationConfigChanges.messageTextInEvents(false));
        service.receive(ACME, key, request("Ev5 U0123ABCD the plans are under the mat"));

        Map<String, ReceivedMessage> byId = new java.util.HashMap<>();
        store.received().forEach(m -> byId.put(m.messageId(), m));
        assertThat(byId.get("Ev1").text()).isNull();
        assertThat(byId.get("Ev2").text()).isEqualTo(new MessageText("the plans are under the mat", false));
        assertThat(byId.get("Ev3").text()).isNull();
        assertThat(byId.get("Ev4").text().truncated()).isTrue();
        assertThat(byId.get("Ev4").text().text()).isEqualTo("\uD83D\uDCAC".repeat(MessageText.MAX_CHARACTERS));
        assertThat(byId.get("Ev5").text()).isNull();
        assertThat(byId.get("Ev2").toString()).doesNotContain("plans");
    }

    @Test
    void messageTextIsCappedOnACodePointBoundaryAndNeverPrinted() {
        int max = MessageText.MAX_CHARACTERS;
        assertThat(MessageText.of(null)).isNull();
        assertThat(MessageText.of("")).isNull();
        assertThat(MessageText.of("x".repeat(max))).isEqualTo(new MessageText("x".repeat(max), false));
        assertThat(MessageText.of("x".repeat(max + 1))).isEqualTo(new MessageText("x".repeat(max), true));
        // a pair straddling the cap in UTF-16 units is one character, kept whole
        String emoji = "\uD83D\uDE00";
        MessageText mixed = MessageText.of("x".repeat(max - 1) + emoji + "y");
        assertThat(mixed.text()).isEqualTo("x".repeat(max - 1) + emoji);
        assertThat(mixed.truncated()).isTrue();
        assertThat(MessageText.of(emoji.repeat(max)).truncated()).isFalse();
        // a lone surrogate is no text: U+FFFD in its place
        assertThat(MessageText.of("a\uD800b\uDC00").text()).isEqualTo("a\uFFFDb\uFFFD");
        assertThat(MessageText.of("the plans").toString()).doesNotContain("plans");
        assertThat(new InboundEvent.Message("Ev1", "U1", "the plans").toString()).doesNotContain("plans");
    }

    @Test
    void unknownRotatedAndOtherTenantsKeysAreRefusedBeforeAnythingIsRecorded() {
        String url = service.generate(ACME, slack.id()).webhookUrl();
        String key = url.substring(url.indexOf("key=") + 4);
        participants.create(ACME, new NewParticipant(null, "Ada", null, null, List.of(channel(slack, "U0123ABCD")),
                List.of()));
        String rotated = service.rotate(ACME, slack.id()).webhookUrl();

        assertThatThrownBy(() -> service.receive(ACME, key, request("Ev1 U0123ABCD")))
                .isInstanceOf(UnauthenticatedException.class);
        String newKey = rotated.substring(rotated.indexOf("key=") + 4);
        assertThatThrownBy(() -> service.receive(GLOBEX, newKey, request("Ev1 U0123ABCD")))
                .isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> service.receive(ACME, "whk_000000000000_" + "A".repeat(43), request("Ev1 U0123ABCD")))
                .isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> service.receive(ACME, newKey.substring(0, 17) + "B".repeat(43),
                request("Ev1 U0123ABCD"))).isInstanceOf(UnauthenticatedException.class);
        assertThat(store.received()).isEmpty();

        assertThat(service.receive(ACME, newKey, request("hello"))).isEqualTo(new InboundEvent.Challenge("hello"));
        assertThat(service.receive(ACME, newKey, request("Ev1 U0999ZZZZ"))).isInstanceOf(InboundEvent.Ignored.class);
        assertThat(store.received()).isEmpty();
    }

    private InboundRequest request(String body) {
        return new InboundRequest("https://api.example.com/", Map.of(), body.getBytes(StandardCharsets.UTF_8),
                clock.millis());
    }

    private static ChannelInput channel(IntegrationConfig config, String address) {
        return new ChannelInput(config.id().toString(), address, null, null, null);
    }
}
