package io.participants.api.changes;

import com.fasterxml.jackson.databind.JsonNode;
import io.participants.api.avatars.AvatarStubs;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.LocalDynamo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writes that involve Slack: a config connected by the OAuth callback, an avatar synced, a token Slack rejects,
 * a disconnect; and no event, of these or any other, holds a token, a secret, the avatar's hash or image bytes.
 */
class ProviderChangeEventsIntegrationTest {

    private static final String BOT_TOKEN = "xoxb-17-0123456789-eventsIssuedTokenValue";
    private static final String USER = "U0ADA0001";

    private static AvatarStubs stubs;
    private static ApiHarness api;
    private static PublishedChanges changes;
    private static final List<JsonNode> everything = new ArrayList<>();

    @BeforeAll
    static void start() {
        stubs = new AvatarStubs();
        api = stubs.harness();
        changes = new PublishedChanges(api.table());
        stubs.storeAppSecrets();
        stubs.slack().stubFor(post(urlPathEqualTo("/api/oauth.v2.access")).willReturn(okJson("""
                {"ok": true, "app_id": "A04APP0001", "authed_user": {"id": "U04OPS0001"}, "scope": "users:read",
                 "token_type": "bot", "access_token": "%s", "bot_user_id": "B04BOT0001",
                 "team": {"id": "T04ACME01", "name": "Acme"}, "enterprise": null, "is_enterprise_install": false}"""
                .formatted(BOT_TOKEN))));
    }

    @AfterAll
    static void stop() {
        api.close();
        changes.close();
        stubs.close();
    }

    private static JsonNode event() {
        JsonNode event = changes.event();
        everything.add(event);
        return event;
    }

    private static List<JsonNode> events() {
        List<JsonNode> events = changes.events();
        everything.addAll(events);
        return events;
    }

    @Test
    void connectSyncRejectAndDisconnectAreEachTheirEventAndNoneHoldsASecret() {
        String config = api.request("POST", "/v1/tenants/acme/integrations/configs")
                .jsonBody(Map.of("provider", "SLACK", "name", "Acme Slack")).send().field("id");
        String participant = api.request("POST", "/v1/tenants/acme/participants").jsonBody(Map.of(
                "displayName", "Ada Lovelace", "channels", List.of(Map.of("integrationConfigId", config,
                        "address", USER)))).send().field("id");
        assertThat(events()).extracting(e -> e.get("type").asText()).containsExactly(
                "participants.integration_config.created", "participants.participant.created");

        // :authorize writes only an OAuth state item, which has no event; the callback connects the config
        ApiResponse authorized = api.request("POST", "/v1/tenants/acme/integrations/configs/" + config + ":authorize")
                .send();
        assertThat(authorized.status()).as(authorized.toString()).isEqualTo(200);
        ApiResponse callback = api.request("GET", "/v1/oauth/slack/callback").anonymous().query("code", "code-1")
                .query("state", stateOf(authorized)).send();
        assertThat(callback.status()).as(callback.toString()).isEqualTo(200);
        JsonNode connected = event();
        assertThat(connected.get("type").asText()).isEqualTo("participants.integration_config.connected");
        assertThat(connected.get("resourceversion").asLong()).isEqualTo(2);
        assertThat(connected.get("data").get("connection").get("status").asText()).isEqualTo("CONNECTED");
        assertThat(connected.get("data").get("connection").get("teamId").asText()).isEqualTo("T04ACME01");

        // the avatar from the channel's Slack user
        stubs.storeToken("acme", config);
        stubs.slackUser(USER, "e1f2a3b4c5d6");
        stubs.serveImage("e1f2a3b4c5d6", AvatarStubs.PNG, "image/png");
        ApiResponse synced = api.request("POST", AvatarStubs.syncPath("acme", participant))
                .jsonBody(AvatarStubs.syncBody(config, USER)).send();
        assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
        JsonNode avatar = event();
        assertThat(avatar.get("type").asText()).isEqualTo("participants.participant.avatar_synced");
        assertThat(avatar.get("resourceversion").asLong()).isEqualTo(2);
        assertThat(avatar.get("data").get("avatarFileId").asText()).isEqualTo(synced.field("avatarFileId"));
        assertThat(avatar.get("data").get("avatarSource").asText()).isNotBlank();
        assertThat(avatar.get("data").get("avatarSourceConfigId").asText()).isEqualTo(config);
        assertThat(avatar.get("data").get("avatarSourceAddress").asText()).isEqualTo(USER);

        // Slack refuses the token: the sync fails (no participant event) and the config is marked
        stubs.slackAnswers(USER, okJson(AvatarStubs.slackError("invalid_auth")));
        ApiResponse rejected = api.request("POST", AvatarStubs.syncPath("acme", participant))
                .jsonBody(AvatarStubs.syncBody(config, USER)).send();
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(400);
        JsonNode tokenRejected = event();
        assertThat(tokenRejected.get("type").asText()).isEqualTo("participants.integration_config.token_rejected");
        assertThat(tokenRejected.get("resourceversion").asLong()).isEqualTo(3);
        assertThat(tokenRejected.get("data").get("connection").get("status").asText()).isEqualTo("TOKEN_REJECTED");

        ApiResponse disconnected = api.request("POST",
                "/v1/tenants/acme/integrations/configs/" + config + ":disconnect").send();
        assertThat(disconnected.status()).as(disconnected.toString()).isEqualTo(200);
        JsonNode disconnect = event();
        assertThat(disconnect.get("type").asText()).isEqualTo("participants.integration_config.disconnected");
        assertThat(disconnect.get("resourceversion").asLong()).isEqualTo(4);
        assertThat(disconnect.get("data").get("connection").get("status").asText()).isEqualTo("NOT_CONNECTED");

        // disconnecting again writes nothing
        assertThat(api.request("POST", "/v1/tenants/acme/integrations/configs/" + config + ":disconnect").send()
                .status()).isEqualTo(200);
        assertThat(events()).isEmpty();

        Map<String, AttributeValue> stored = LocalDynamo.client().getItem(g -> g.tableName(api.table()).key(Map.of(
                "PK", AttributeValue.fromS("T#acme"), "SK", AttributeValue.fromS("PARTICIPANT#" + participant))))
                .item();
        String avatarHash = stored.get("avatarHash").s();
        String pngBase64 = Base64.getEncoder().encodeToString(AvatarStubs.PNG);
        assertThat(everything).hasSize(6);
        for (JsonNode event : everything) {
            assertThat(event.toString()).as(event.get("type").asText())
                    .doesNotContain(BOT_TOKEN, AvatarStubs.TOKEN, AvatarStubs.CLIENT_SECRET, AvatarStubs.STATE_KEY,
                            avatarHash, "avatarHash", "accessToken", pngBase64.substring(0, 24), "xoxb-17");
        }
    }

    private static String stateOf(ApiResponse authorized) {
        URI url = URI.create(authorized.field("authorizationUrl"));
        for (String pair : url.getRawQuery().split("&")) {
            if (pair.startsWith("state=")) {
                return URLDecoder.decode(pair.substring("state=".length()), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no state in " + url);
    }
}
