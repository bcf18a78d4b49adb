package io.participants.api.changes;

import com.fasterxml.jackson.databind.JsonNode;
import io.participants.api.avatars.AvatarStubs;
import io.participants.api.providers.DownloadGuards;
import io.participants.api.providers.TrustingTls;
import io.participants.api.telegram.TelegramStandIn;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Telegram config's connect, failing downloads, token rejection and disconnect, through the handler and the
 * change-events publisher: each connection change is its event, and no event, problem or log line of any of it
 * holds the bot token (whose file URLs carry it).
 */
class TelegramChangeEventsIntegrationTest {

    private static final String USER = "123456789";

    private static AvatarStubs stubs;
    private static ApiHarness api;
    private static PublishedChanges changes;
    private static TelegramStandIn telegram;

    @BeforeAll
    static void start() {
        stubs = new AvatarStubs();
        DownloadGuards guards = DownloadGuards.defaults().withAllowedHosts(Set.of("127.0.0.1"))
                .withHttpsOnly(false).withRefuseInternalAddresses(false).withSslContext(TrustingTls.context())
                .withMaxBytes(AvatarStubs.MAX_BYTES);
        api = stubs.harness(guards, Map.of());
        changes = new PublishedChanges(api.table());
        telegram = new TelegramStandIn(stubs.slack());
        stubs.storeAppSecrets();
    }

    @AfterAll
    static void stop() {
        api.close();
        changes.close();
        stubs.close();
    }

    @Test
    void connectFailingDownloadsRejectAndDisconnectLeaveNoTraceOfTheToken() {
        List<JsonNode> everything = new ArrayList<>();
        List<ApiResponse> answers = new ArrayList<>();
        List<String> lines;
        try (LogCapture logs = LogCapture.everything()) {
            String config = api.request("POST", "/v1/tenants/acme/integrations/configs")
                    .jsonBody(Map.of("provider", "TELEGRAM", "name", "Acme Telegram")).send().field("id");
            String participant = api.request("POST", "/v1/tenants/acme/participants").jsonBody(Map.of(
                    "displayName", "Ada Lovelace", "channels", List.of(Map.of("integrationConfigId", config,
                            "address", USER)))).send().field("id");
            everything.addAll(changes.events());

            telegram.getMe();
            ApiResponse connected = api.request("POST", "/v1/tenants/acme/integrations/configs/" + config
                    + ":connect").jsonBody(Map.of("botToken", TelegramStandIn.TOKEN)).send();
            answers.add(connected);
            assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
            JsonNode connect = changes.event();
            everything.add(connect);
            assertThat(connect.get("type").asText()).isEqualTo("participants.integration_config.connected");
            assertThat(connect.get("data").get("connection").get("teamId").asText())
                    .isEqualTo(TelegramStandIn.BOT_ID);

            stubs.storeSecret("participants/tenants/acme/integrations/" + config + "/token",
                    "{\"accessToken\":\"" + TelegramStandIn.TOKEN + "\",\"teamId\":\"" + TelegramStandIn.BOT_ID
                            + "\",\"botUserId\":\"acme_support_bot\",\"scopes\":[]}");
            telegram.photo(USER, "AQADlarge01");
            for (var fault : List.of(
                    aResponse().withStatus(302).withHeader("Location", "http://169.254.169.254/latest/"),
                    aResponse().withStatus(302).withHeader("Location", "http://127.0.0.1:" + stubs.slack().port()
                            + "/file/bot" + TelegramStandIn.TOKEN + "/elsewhere/../../x"),
                    aResponse().withStatus(200).withBody("<html>not an image</html>"),
                    aResponse().withStatus(503),
                    aResponse().withStatus(429),
                    aResponse().withStatus(200).withBody(new byte[AvatarStubs.MAX_BYTES + 1]))) {
                telegram.file(fault);
                ApiResponse failed = api.request("POST", AvatarStubs.syncPath("acme", participant))
                        .jsonBody(AvatarStubs.syncBody(config, USER)).send();
                answers.add(failed);
                assertThat(failed.status()).as(failed.toString()).isBetween(400, 599);
            }
            everything.addAll(changes.events());

            telegram.photos(USER, TelegramStandIn.error(401, "Unauthorized"));
            ApiResponse rejected = api.request("POST", AvatarStubs.syncPath("acme", participant))
                    .jsonBody(AvatarStubs.syncBody(config, USER)).send();
            answers.add(rejected);
            assertThat(rejected.status()).isEqualTo(400);
            JsonNode tokenRejected = changes.event();
            everything.add(tokenRejected);
            assertThat(tokenRejected.get("type").asText())
                    .isEqualTo("participants.integration_config.token_rejected");

            ApiResponse disconnected = api.request("POST", "/v1/tenants/acme/integrations/configs/" + config
                    + ":disconnect").send();
            answers.add(disconnected);
            assertThat(disconnected.status()).as(disconnected.toString()).isEqualTo(200);
            JsonNode disconnect = changes.event();
            everything.add(disconnect);
            assertThat(disconnect.get("type").asText()).isEqualTo("participants.integration_config.disconnected");
            lines = logs.lines();
        }

        assertThat(everything).allSatisfy(event -> assertThat(event.toString())
                .doesNotContain(TelegramStandIn.SECRET_PART).doesNotContain("/file/bot"));
        assertThat(answers).allSatisfy(answer -> assertThat(answer.body())
                .doesNotContain(TelegramStandIn.SECRET_PART).doesNotContain("/file/bot"));
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line)
                .doesNotContain(TelegramStandIn.SECRET_PART).doesNotContain("/file/bot"));
    }
}
