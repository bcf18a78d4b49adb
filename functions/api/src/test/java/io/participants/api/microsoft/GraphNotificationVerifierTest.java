package io.participants.api.microsoft;

import io.participants.domain.activation.ConfigWebhook;
import io.participants.domain.activation.InboundEvent;
import io.participants.domain.activation.InboundRequest;
import io.participants.domain.activation.WebhookKey;
import io.participants.domain.common.ForbiddenException;
import io.participants.domain.common.TenantId;
import io.participants.domain.common.UnauthenticatedException;
import io.participants.domain.common.ValidationException;
import io.participants.domain.integration.Provider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Graph's validation handshake, clientState checks and the notifications' reading, without AWS. */
class GraphNotificationVerifierTest {

    private static final String CLIENT_STATE = "c2VjcmV0Q2xpZW50U3RhdGVWYWx1ZUZvclRlc3RzMDEyMzQ1Njc";
    private static final ConfigWebhook WEBHOOK = new ConfigWebhook(new TenantId("acme"), UUID.randomUUID(),
            Provider.MICROSOFT_TEAMS, "whk_0123456789ab", WebhookKey.hash("k"), WebhookKey.hash(CLIENT_STATE), 1L,
            new ConfigWebhook.Binding(UUID.randomUUID(), "agent-1", "6e2f1a3b-9c4d-4e5f-8a7b-0c1d2e3f4a5b"));

    private final GraphNotificationVerifier verifier = new GraphNotificationVerifier();

    @Test
    void validationEchoesTheDecodedToken() {
        InboundEvent event = verifier.verify(request("?key=k&validationToken=Validation%3A+a%26b%20c", ""), WEBHOOK);
        assertThat(event).isEqualTo(new InboundEvent.Validation("Validation: a&b c"));
    }

    @Test
    void validationTokensGraphNeverSendsAre400() {
        for (String query : new String[]{"?validationToken=", "?validationToken=%zz",
                "?validationToken=a&validationToken=b", "?validationToken=" + "x".repeat(1025),
                "?validationToken=a%0Ab"}) {
            assertThatThrownBy(() -> verifier.verify(request(query, ""), WEBHOOK)).as(query)
                    .isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void aCreatedMessageIsReadByItsResourceId() {
        InboundEvent event = verifier.verify(request("", body(CLIENT_STATE, "created", "1612289765949")), WEBHOOK);
        assertThat(event).isInstanceOfSatisfying(InboundEvent.Notifications.class, n -> {
            assertThat(n.messages()).singleElement().satisfies(m -> {
                assertThat(m.messageId()).isEqualTo("1612289765949");
                assertThat(m.address()).isEqualTo(WEBHOOK.binding().address());
                assertThat(m.text()).isNull();
            });
        });
    }

    @Test
    void updatesAndLifecycleNotificationsRecordNothing() {
        assertThat(verifier.verify(request("", body(CLIENT_STATE, "updated", "1")), WEBHOOK))
                .isEqualTo(new InboundEvent.Notifications(java.util.List.of()));
        String lifecycle = "{\"value\":[{\"lifecycleEvent\":\"missed\",\"clientState\":\"" + CLIENT_STATE
                + "\",\"subscriptionId\":\"s\"}]}";
        assertThat(verifier.verify(request("", lifecycle), WEBHOOK))
                .isEqualTo(new InboundEvent.Notifications(java.util.List.of()));
    }

    @Test
    void aWrongOrMissingClientStateIs403() {
        assertThatThrownBy(() -> verifier.verify(request("", body("forged", "created", "1")), WEBHOOK))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> verifier.verify(request("", body("x".repeat(129), "created", "1")), WEBHOOK))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> verifier.verify(request("", "{\"value\":[{\"changeType\":\"created\"}]}"),
                WEBHOOK)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void bodiesThatAreNoNotificationAre400() {
        for (String body : new String[]{"", "[]", "{}", "{\"value\":[]}", "{\"value\":{}}", "{\"value\":[1]}",
                "{\"value\":[{}]} x", "{\"value\":[{}],\"value\":[{}]}", "not json"}) {
            assertThatThrownBy(() -> verifier.verify(request("", body), WEBHOOK)).as(body)
                    .isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void aConfigWebhookIsNoActivationOfTeams() {
        ConfigWebhook config = new ConfigWebhook(WEBHOOK.tenant(), WEBHOOK.integrationConfigId(),
                Provider.MICROSOFT_TEAMS, "whk_0123456789ab", WebhookKey.hash("k"), null, 1L);
        assertThatThrownBy(() -> verifier.verify(request("?validationToken=t", ""), config))
                .isInstanceOf(UnauthenticatedException.class);
    }

    private static String body(String clientState, String changeType, String id) {
        return "{\"value\":[{\"subscriptionId\":\"s\",\"clientState\":\"" + clientState + "\",\"changeType\":\""
                + changeType + "\",\"resource\":\"chats('19:x')/messages('" + id + "')\",\"resourceData\":{\"id\":\""
                + id + "\",\"@odata.type\":\"#Microsoft.Graph.chatMessage\"}}]}";
    }

    private static InboundRequest request(String query, String body) {
        return new InboundRequest("https://participants.test/v1/webhooks/acme" + query, Map.of(),
                body.getBytes(StandardCharsets.UTF_8), 1L);
    }
}
