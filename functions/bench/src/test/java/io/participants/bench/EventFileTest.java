package io.participants.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.participants.api.FunctionCatalog;
import io.participants.api.events.EventWorld;
import io.participants.api.slack.SlackEventsVerifier;
import io.participants.api.twilio.TwilioRequestVerifier;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventFileTest {

    private static final List<EventFile> EVENTS = EventFile.under(eventsFolder());

    @Test
    void everyDeployableHasASuccessEventOfAFunctionItServes() {
        for (String deployable : FunctionCatalog.deployables()) {
            EventFile event = EventFile.representative(EVENTS, deployable);

            assertThat(event.succeeds()).as(deployable).isTrue();
            assertThat(event.deployable()).as(deployable).isEqualTo(deployable);
            assertThat(FunctionCatalog.servedBy(deployable)).as(deployable).contains(event.function());
        }
    }

    @Test
    void aSlackSignedSuccessEventIsSignedAgainNowAndTheRefusedOnesStayAsWritten() throws Exception {
        EventFile message = named("receive-webhook.200.slack-message.json");
        EventFile stale = named("receive-webhook.401.slack-stale-timestamp.json");
        var json = new ObjectMapper();

        var fresh = json.readTree(message.freshJson(BASE));
        String timestamp = fresh.path("headers").path("x-slack-request-timestamp").asText();
        assertThat(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp))).isLessThan(60);
        assertThat(fresh.path("headers").path("x-slack-signature").asText()).isEqualTo(
                SlackEventsVerifier.sign(EventWorld.SLACK_SIGNING_SECRET, timestamp,
                        fresh.path("body").asText().getBytes(StandardCharsets.UTF_8)));
        assertThat(json.readTree(message.json()).path("body")).isEqualTo(fresh.path("body"));
        assertThat(stale.freshJson(BASE)).isEqualTo(stale.json());
        // the deployable's representative event is one whose signature holds anywhere and at any time
        EventFile representative = EventFile.representative(EVENTS, "receive-webhook");
        assertThat(representative.slackSigned() || representative.twilioSigned()).isFalse();
    }

    @Test
    void aTwilioSignedSuccessEventIsSignedForTheUrlOfTheFunctionsOwnWebhookBase() throws Exception {
        EventFile sms = named("receive-webhook.200.twilio-sms.json");
        EventFile forged = named("receive-webhook.401.twilio-forged-signature.json");
        var json = new ObjectMapper();

        var fresh = json.readTree(sms.freshJson(BASE));
        String body = fresh.path("body").asText();
        String url = BASE + "acme?" + fresh.path("rawQueryString").asText();
        assertThat(fresh.path("headers").path("x-twilio-signature").asText())
                .isEqualTo(TwilioRequestVerifier.sign(EventWorld.TWILIO_AUTH_TOKEN, url,
                        TwilioRequestVerifier.form(body.getBytes(StandardCharsets.UTF_8))))
                .isNotEqualTo(json.readTree(sms.json()).path("headers").path("x-twilio-signature").asText());
        assertThat(forged.freshJson(BASE)).isEqualTo(forged.json());
    }

    private static final String BASE = "http://127.0.0.1:8089/v1/webhooks/";

    private static EventFile named(String fileName) {
        return EVENTS.stream().filter(e -> e.fileName().equals(fileName)).findFirst().orElseThrow();
    }

    @Test
    void theChoiceIsThePlainFileOfTheFirstFunctionInCatalogOrder() {
        assertThat(EventFile.representative(EVENTS, "get-participant").fileName())
                .isEqualTo("get-participant.200.json");
        assertThat(EventFile.representative(EVENTS, FunctionCatalog.PARTICIPANT_STATE).fileName())
                .isEqualTo("disable-participant.200.json");
        assertThat(EventFile.representative(EVENTS, FunctionCatalog.CONFIG_CONNECTION).fileName())
                .isEqualTo("authorize-integration-config.200.json");
        assertThat(EventFile.representative(EVENTS, "list-participants").fileName())
                .isEqualTo("list-participants.200.json");
    }

    @Test
    void aCaseIsChosenWhereItExistsAndThePlainFileElsewhere() {
        assertThat(EventFile.representative(EVENTS, "create-participant", "idempotency-key").fileName())
                .isEqualTo("create-participant.201.idempotency-key.json");
        assertThat(EventFile.representative(EVENTS, "get-participant", "idempotency-key").fileName())
                .isEqualTo("get-participant.200.json");
    }

    @Test
    void withoutAPlainFileACreateIsPreferred() {
        assertThat(EventFile.representative(EVENTS, "add-conversation-participant").fileName())
                .isEqualTo("add-conversation-participant.201.contact.json");
    }

    @Test
    void theNameGivesTheFunctionStatusAndCase() {
        EventFile event = EventFile.of(Path.of("events/participants/get-participant.404.other-tenant.json"));

        assertThat(event.function().name()).isEqualTo("get-participant");
        assertThat(event.status()).isEqualTo(404);
        assertThat(event.caseName()).isEqualTo("other-tenant");
        assertThat(event.succeeds()).isFalse();
    }

    @Test
    void aNameOfAnotherShapeOrAnUnknownFunctionIsAnError() {
        assertThatThrownBy(() -> EventFile.of(Path.of("get-participant.json")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventFile.of(Path.of("get-nothing.200.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no function");
    }

    @Test
    void aDeployableWithoutSuccessEventsIsAnError() {
        List<EventFile> failuresOnly = EVENTS.stream().filter(e -> !e.succeeds()).toList();

        assertThatThrownBy(() -> EventFile.representative(failuresOnly, "get-participant"))
                .isInstanceOf(IllegalStateException.class);
    }

    static Path eventsFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolve("events");
            }
        }
        throw new IllegalStateException("no events/ above " + Path.of("").toAbsolutePath());
    }
}
