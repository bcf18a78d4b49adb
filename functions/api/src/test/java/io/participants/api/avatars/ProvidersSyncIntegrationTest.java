package io.participants.api.avatars;

import io.participants.api.providers.DownloadGuards;
import io.participants.api.providers.TrustingTls;
import io.participants.api.secrets.SecretsManagerStub;
import io.participants.api.telegram.TelegramStandIn;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.participants.api.avatars.AvatarStubs.syncBody;
import static io.participants.api.avatars.AvatarStubs.syncPath;
import static io.participants.api.errors.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Telegram and Gravatar through the real handler, beside Slack: {@code :connect} with a bot token, the sync of
 * each provider's avatar, an unchanged image keeping its file id, the public page's four 400s, tenant isolation,
 * and no trace of the bot token in what a failing download produces. WireMock stands in for the Bot API, its file
 * host and Gravatar; Secrets Manager is stubbed; S3 and DynamoDB are real local servers.
 */
class ProvidersSyncIntegrationTest {

    private static final String TENANT = "acme";
    private static final String TELEGRAM_USER = "123456789";
    private static final String MAIL = "maria.lopez@acme.example";

    private static AvatarStubs stubs;
    private static ApiHarness api;
    private static TelegramStandIn telegram;

    @BeforeAll
    static void start() {
        stubs = new AvatarStubs();
        // the Bot API stand-in answers over http on 127.0.0.1, Gravatar's over https on localhost
        DownloadGuards guards = DownloadGuards.defaults().withAllowedHosts(Set.of("localhost", "127.0.0.1"))
                .withHttpsOnly(false).withRefuseInternalAddresses(false).withSslContext(TrustingTls.context())
                .withMaxBytes(AvatarStubs.MAX_BYTES);
        Map<String, Object> properties = new HashMap<>();
        properties.put("participants.telegram.api-base", "http://127.0.0.1:" + stubs.slack().port());
        properties.put("participants.gravatar.base", "https://localhost:" + stubs.slack().httpsPort());
        api = stubs.harness(guards, properties);
        telegram = new TelegramStandIn(stubs.slack());
    }

    @AfterAll
    static void stop() {
        api.close();
        stubs.close();
    }

    @BeforeEach
    void reset() {
        stubs.reset();
        stubs.storeAppSecrets();
    }

    // Telegram

    @Test
    void connectChecksTheBotTokenAndShowsOnlyItsPrefix() {
        String config = createConfig("TELEGRAM", null);
        telegram.getMe();

        ApiResponse connected = connect(config, TelegramStandIn.TOKEN);

        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        assertThat(connected.json().get("connection").get("status").getStringValue()).isEqualTo("CONNECTED");
        assertThat(connected.json().get("connection").get("teamId").getStringValue())
                .isEqualTo(TelegramStandIn.BOT_ID);
        assertThat(connected.body()).doesNotContain(TelegramStandIn.SECRET_PART);
        assertThat(getConfig(config).body()).contains("CONNECTED").doesNotContain(TelegramStandIn.SECRET_PART);
        assertThat(stubs.secrets().requests(io.participants.api.secrets.SecretsManagerStub.called("CreateSecret")))
                .hasSize(1);
    }

    @Test
    void connectingAgainReplacesTheStoredToken() {
        String config = createConfig("TELEGRAM", null);
        telegram.getMe();
        stubs.secrets().stub(SecretsManagerStub.operation("CreateSecret").atPriority(1)
                .willReturn(SecretsManagerStub.error("ResourceExistsException", "the secret already exists")));
        stubs.secrets().stub(SecretsManagerStub.operation("PutSecretValue").willReturn(SecretsManagerStub.ok(
                "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:000000000000:secret:t-AbCdEf\",\"VersionId\":\"v2\"}")));

        ApiResponse again = connect(config, TelegramStandIn.TOKEN);

        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(stubs.secrets().requests(SecretsManagerStub.called("PutSecretValue"))).hasSize(1);
    }

    @Test
    void aTokenTelegramRefusesIsNotStored() {
        String config = createConfig("TELEGRAM", null);
        stubs.slack().stubFor(get(urlPathMatching("/bot.*/getMe"))
                .willReturn(TelegramStandIn.error(401, "Unauthorized")));

        ApiResponse refused = connect(config, TelegramStandIn.TOKEN);

        assertProblem(refused, 400, "token-rejected");
        assertThat(refused.body()).doesNotContain(TelegramStandIn.SECRET_PART);
        assertThat(stubs.secrets().requests(io.participants.api.secrets.SecretsManagerStub.called("CreateSecret")))
                .isEmpty();
    }

    @Test
    void connectIsForTokenProvidersAndMalformedTokensAreInvalid() {
        String slack = createConfig("SLACK", null);
        assertProblem(connect(slack, TelegramStandIn.TOKEN), 400, "connect-not-supported");
        String config = createConfig("TELEGRAM", null);
        ApiResponse invalid = connect(config, "not-a-token secret-value");
        assertProblem(invalid, 400, "invalid-request");
        assertThat(invalid.body()).doesNotContain("secret-value");
        assertProblem(api.request("POST", configPath(config) + ":authorize").send(), 400, "oauth-not-supported");
    }

    @Test
    void anotherTenantCannotConnectOrSyncTheConfig() {
        String config = createConfig("TELEGRAM", null);
        telegram.getMe();

        ApiResponse foreign = api.request("POST", "/v1/tenants/globex/integrations/configs/" + config + ":connect")
                .tenant("globex").jsonBody(Map.of("botToken", TelegramStandIn.TOKEN)).send();

        assertProblem(foreign, 404, "not-found");
        assertThat(getConfig(config).json().get("connection").get("status").getStringValue())
                .isEqualTo("NOT_CONNECTED");
    }

    @Test
    void aTelegramAvatarIsSyncedAndAnUnchangedOneKeepsItsFileId() {
        String config = connectedTelegram();
        String participant = createParticipant(config, TELEGRAM_USER);
        telegram.photo(TELEGRAM_USER, "AQADlarge01");
        telegram.file(AvatarStubs.PNG);

        ApiResponse synced = sync(participant, config, TELEGRAM_USER);

        assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
        assertThat(synced.field("avatarSource")).isEqualTo("CHANNEL_SYNC");
        assertThat(synced.field("avatarSourceConfigId")).isEqualTo(config);
        assertThat(synced.field("avatarSourceAddress")).isEqualTo(TELEGRAM_USER);
        ApiResponse again = sync(participant, config, TELEGRAM_USER);
        assertThat(again.field("avatarFileId")).isEqualTo(synced.field("avatarFileId"));
    }

    @Test
    void telegramsFourBadRequests() {
        String config = createConfig("TELEGRAM", null);
        String participant = createParticipant(config, TELEGRAM_USER);
        // not connected
        assertProblem(sync(participant, config, TELEGRAM_USER), 400, "not-connected");
        storeTelegramToken(config);
        // no image
        telegram.noPhoto(TELEGRAM_USER);
        assertProblem(sync(participant, config, TELEGRAM_USER), 400, "no-image");
        // a group chat is no image either
        String group = createParticipant(config, "-1001234567890");
        assertProblem(sync(group, config, "-1001234567890"), 400, "no-image");
        // the channel is not on the participant
        assertProblem(sync(participant, config, "987654321"), 400, "channel-not-found");
        // a provider without a source: SMS
        String sms = createConfig("SMS", null);
        String texted = createParticipant(sms, "+34600111222");
        assertProblem(sync(texted, sms, "+34600111222"), 400, "no-avatar-source");
    }

    @Test
    void aUsernameIsNoTelegramAddress() {
        String config = createConfig("TELEGRAM", null);
        ApiResponse created = api.request("POST", "/v1/tenants/acme/participants")
                .jsonBody(Map.of("displayName", "Handle", "channels",
                        List.of(Map.of("integrationConfigId", config, "address", "@maria_lopez")))).send();

        assertThat(created.json().get("health").get("channels").get(0).get("reason").getStringValue())
                .isEqualTo("INVALID_FORMAT");
    }

    @Test
    void aTokenTelegramRejectsMarksTheConnectionRejected() {
        String config = connectedTelegram();
        String participant = createParticipant(config, TELEGRAM_USER);
        telegram.photos(TELEGRAM_USER, TelegramStandIn.error(401, "Unauthorized"));

        assertProblem(sync(participant, config, TELEGRAM_USER), 400, "token-rejected");
        assertThat(getConfig(config).json().get("connection").get("status").getStringValue())
                .isEqualTo("TOKEN_REJECTED");
    }

    @Test
    void aFailingTelegramDownloadLeavesNoTraceOfTheBotToken() {
        String config = connectedTelegram();
        String participant = createParticipant(config, TELEGRAM_USER);
        telegram.photo(TELEGRAM_USER, "AQADlarge01");
        List<ApiResponse> answers = new java.util.ArrayList<>();
        List<String> lines;
        try (LogCapture logs = LogCapture.everything()) {
            for (var fault : List.of(
                    aResponse().withStatus(302).withHeader("Location", "http://169.254.169.254/latest/"),
                    aResponse().withStatus(200).withBody("<html>not an image</html>"),
                    aResponse().withStatus(500),
                    aResponse().withStatus(404),
                    aResponse().withStatus(429),
                    aResponse().withStatus(200).withBody(new byte[AvatarStubs.MAX_BYTES + 1]),
                    // past the 5 s read timeout: the JDK's timeout exception must not carry the URL either
                    aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(AvatarStubs.PNG)
                            .withFixedDelay(6_000))) {
                telegram.file(fault);
                answers.add(sync(participant, config, TELEGRAM_USER));
            }
            lines = logs.lines();
        }

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isBetween(400, 599);
            assertThat(answer.body()).doesNotContain(TelegramStandIn.SECRET_PART).doesNotContain("/file/bot");
        });
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line)
                .doesNotContain(TelegramStandIn.SECRET_PART).doesNotContain("/file/bot"));
        assertThat(participant(participant).body()).doesNotContain(TelegramStandIn.SECRET_PART);
    }

    // Gravatar

    @Test
    void gravatarIsOffByDefaultAndOnlyForEmail() {
        String off = createConfig("EMAIL", null);
        assertThat(getConfig(off).json().get("gravatar").getBooleanValue()).isFalse();
        String person = createParticipant(off, MAIL);
        assertProblem(sync(person, off, MAIL), 400, "no-avatar-source");
        ApiResponse slack = api.request("POST", "/v1/tenants/acme/integrations/configs")
                .jsonBody(Map.of("provider", "SLACK", "name", "Slack", "gravatar", true)).send();
        assertProblem(slack, 400, "invalid-request");
    }

    @Test
    void aGravatarIsSyncedAndAnUnchangedOneKeepsItsFileId() {
        String config = createConfig("EMAIL", true);
        assertThat(getConfig(config).json().get("gravatar").getBooleanValue()).isTrue();
        String participant = createParticipant(config, MAIL);
        serveGravatar(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(AvatarStubs.PNG));

        ApiResponse synced = sync(participant, config, MAIL);

        assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
        assertThat(synced.field("avatarSourceConfigId")).isEqualTo(config);
        assertThat(synced.field("avatarSourceAddress")).isEqualTo(MAIL);
        ApiResponse again = sync(participant, config, MAIL);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.field("avatarFileId")).isEqualTo(synced.field("avatarFileId"));
        assertThat(again.header("ETag")).isEqualTo(synced.header("ETag"));
    }

    @Test
    void anUpdateTurnsGravatarOnAndOff() {
        String config = createConfig("EMAIL", null);
        String participant = createParticipant(config, MAIL);
        serveGravatar(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(AvatarStubs.PNG));
        assertProblem(sync(participant, config, MAIL), 400, "no-avatar-source");

        ApiResponse on = update(config, "{\"gravatar\": true}");
        assertThat(on.status()).as(on.toString()).isEqualTo(200);
        assertThat(on.json().get("gravatar").getBooleanValue()).isTrue();
        assertThat(getConfig(config).json().get("gravatar").getBooleanValue()).isTrue();
        assertThat(sync(participant, config, MAIL).status()).isEqualTo(200);

        ApiResponse off = update(config, "{\"gravatar\": false}");
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(off.json().get("gravatar").getBooleanValue()).isFalse();
        stubs.slack().resetRequests();
        assertProblem(sync(participant, config, MAIL), 400, "no-avatar-source");
        stubs.slack().verify(0, getRequestedFor(urlPathMatching("/avatar/.*")));
    }

    @Test
    void anUpdatesBadRequestsChangeNothing() {
        String slack = createConfig("SLACK", null);
        assertProblem(update(slack, "{\"gravatar\": true}"), 400, "invalid-request");
        String mail = createConfig("EMAIL", null);
        assertProblem(update(mail, "{}"), 400, "invalid-request");
        assertProblem(update(mail, "{\"gravatar\": \"yes\"}"), 400, "invalid-request");
        assertProblem(update(mail, "{\"name\": \"Renamed\", \"gravatar\": true}"), 400, "invalid-request");
        assertThat(getConfig(mail).json().get("gravatar").getBooleanValue()).isFalse();
        assertProblem(update(UUID.randomUUID().toString(), "{\"gravatar\": true}"), 404, "not-found");
        // another tenant cannot turn it on
        ApiResponse foreign = api.request("PATCH", "/v1/tenants/globex/integrations/configs/" + mail)
                .tenant("globex").header("content-type", "application/json").body("{\"gravatar\": true}").send();
        assertProblem(foreign, 404, "not-found");
        assertThat(getConfig(mail).json().get("gravatar").getBooleanValue()).isFalse();
    }

    private static ApiResponse update(String config, String body) {
        return api.request("PATCH", configPath(config)).header("content-type", "application/json").body(body).send();
    }

    @Test
    void aConfigsAvatarSyncIntervalIsSetOnCreateShownChangedAndClearedByNull() {
        ApiResponse created = api.request("POST", "/v1/tenants/acme/integrations/configs").jsonBody(Map.of(
                "provider", "EMAIL", "name", "Mail " + UUID.randomUUID(), "avatarSyncInterval", "PT6H")).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.field("avatarSyncInterval")).isEqualTo("PT6H");
        String config = created.field("id");
        assertThat(getConfig(config).field("avatarSyncInterval")).isEqualTo("PT6H");
        assertThat(listedConfig(config).get("avatarSyncInterval").getStringValue()).isEqualTo("PT6H");

        // shown normalised; Gravatar alone leaves it, and the interval alone leaves Gravatar
        ApiResponse daily = update(config, "{\"avatarSyncInterval\": \"P1D\", \"gravatar\": true}");
        assertThat(daily.status()).as(daily.toString()).isEqualTo(200);
        assertThat(daily.field("avatarSyncInterval")).isEqualTo("PT24H");
        assertThat(update(config, "{\"gravatar\": false}").field("avatarSyncInterval")).isEqualTo("PT24H");
        ApiResponse hourly = update(config, "{\"avatarSyncInterval\": \"PT1H\"}");
        assertThat(hourly.field("avatarSyncInterval")).isEqualTo("PT1H");
        assertThat(hourly.json().get("gravatar").getBooleanValue()).isFalse();

        ApiResponse cleared = update(config, "{\"avatarSyncInterval\": null}");
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().get("avatarSyncInterval").isNull()).as(cleared.toString()).isTrue();
        assertThat(getConfig(config).json().get("avatarSyncInterval").isNull()).isTrue();
        assertThat(listedConfig(config).get("avatarSyncInterval").isNull()).isTrue();
        // any provider's config may set it
        assertThat(update(createConfig("SLACK", null), "{\"avatarSyncInterval\": \"P30D\"}")
                .field("avatarSyncInterval")).isEqualTo("PT720H");
    }

    @Test
    void aBadAvatarSyncIntervalIs400WithItsFieldAndWritesNothing() {
        String name = "Interval " + UUID.randomUUID();
        for (Object bad : List.of("6 hours", "", "PT59M", "PT0S", "-PT6H", "P31D", "P30DT1S", "P1M",
                "PT99999999999999999999H", 6, true, List.of("PT6H"), Map.of("hours", 6))) {
            ApiResponse refused = api.request("POST", "/v1/tenants/acme/integrations/configs").jsonBody(Map.of(
                    "provider", "SLACK", "name", name, "avatarSyncInterval", bad)).send();
            assertThat(refused.status()).as(bad + ": " + refused).isEqualTo(400);
            assertProblem(refused, 400, "invalid-request", "avatarSyncInterval");
        }
        assertThat(api.request("GET", "/v1/tenants/acme/integrations/configs").query("limit", "100").send().body())
                .doesNotContain(name);

        String config = createConfig("SLACK", null);
        assertThat(update(config, "{\"avatarSyncInterval\": \"PT6H\"}").status()).isEqualTo(200);
        long version = configVersion(config);
        for (String bad : List.of("\"6 hours\"", "\"\"", "\"PT59M59S\"", "\"-PT6H\"", "\"P31D\"", "6", "true",
                "[\"PT6H\"]", "{}")) {
            ApiResponse refused = update(config, "{\"avatarSyncInterval\": " + bad + "}");
            assertProblem(refused, 400, "invalid-request", "avatarSyncInterval");
        }
        // a valid interval beside a refused field changes nothing either
        assertProblem(update(config, "{\"avatarSyncInterval\": \"PT2H\", \"gravatar\": true}"), 400,
                "invalid-request", "gravatar");
        assertProblem(update(config, "{\"avatarSyncInterval\": \"PT2H\", \"name\": \"x\"}"), 400,
                "invalid-request", "name");
        assertProblem(update(config, "[]"), 400, "invalid-request");
        assertThat(getConfig(config).field("avatarSyncInterval")).isEqualTo("PT6H");
        assertThat(configVersion(config)).isEqualTo(version);
        // another tenant can set none
        ApiResponse foreign = api.request("PATCH", "/v1/tenants/globex/integrations/configs/" + config)
                .tenant("globex").header("content-type", "application/json")
                .body("{\"avatarSyncInterval\": null}").send();
        assertProblem(foreign, 404, "not-found");
        assertThat(getConfig(config).field("avatarSyncInterval")).isEqualTo("PT6H");
        // setting what it has writes nothing
        assertThat(update(config, "{\"avatarSyncInterval\": \"PT6H\"}").status()).isEqualTo(200);
        assertThat(configVersion(config)).isEqualTo(version);
    }

    /** The config's stored version, read off the table (the API shows none). */
    private static long configVersion(String config) {
        return Long.parseLong(api.context().getBean(DynamoDbClient.class).getItem(g -> g.tableName(api.table())
                .key(Map.of("PK", AttributeValue.fromS("T#" + TENANT), "SK", AttributeValue.fromS("CONFIG#" + config)))
                .consistentRead(true)).item().get("version").n());
    }

    /** The config as the list shows it. */
    private static io.micronaut.json.tree.JsonNode listedConfig(String config) {
        ApiResponse list = api.request("GET", "/v1/tenants/acme/integrations/configs").query("limit", "100").send();
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        for (io.micronaut.json.tree.JsonNode item : list.json().get("results").values()) {
            if (config.equals(item.get("id").getStringValue())) {
                return item;
            }
        }
        throw new AssertionError("config " + config + " not listed: " + list.body());
    }

    @Test
    void gravatarsBadRequests() {
        String config = createConfig("EMAIL", true);
        String participant = createParticipant(config, MAIL);
        serveGravatar(aResponse().withStatus(404));

        assertProblem(sync(participant, config, MAIL), 400, "no-image");
        assertProblem(sync(participant, config, "someone.else@acme.example"), 400, "channel-not-found");
        assertThat(participant(participant).field("avatarFileId")).isNull();
    }

    // tenant isolation: another tenant reaches neither the participant nor the config, and no provider is asked

    @Test
    void anotherTenantSyncsNoTelegramAvatarOfThisTenant() {
        String config = connectedTelegram();
        String participant = createParticipant(config, TELEGRAM_USER);
        telegram.photo(TELEGRAM_USER, "AQADforeign01");
        stubs.slack().resetRequests();

        assertProblem(foreignSync(participant, config, TELEGRAM_USER), 404, "not-found");

        stubs.slack().verify(0, getRequestedFor(urlPathMatching("/bot.*")));
        stubs.slack().verify(0, getRequestedFor(urlPathMatching("/file/.*")));
        assertThat(participant(participant).field("avatarFileId")).isNull();
    }

    @Test
    void anotherTenantSyncsNoGravatarOfThisTenantNorUsesItsConfig() {
        String config = createConfig("EMAIL", true);
        String participant = createParticipant(config, MAIL);
        serveGravatar(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(AvatarStubs.PNG));
        stubs.slack().resetRequests();

        assertProblem(foreignSync(participant, config, MAIL), 404, "not-found");
        // nor can its own participant hold a channel on this tenant's config
        ApiResponse borrowed = api.request("POST", "/v1/tenants/globex/participants").tenant("globex")
                .jsonBody(Map.of("displayName", "Eve", "channels", List.of(Map.of("integrationConfigId", config,
                        "address", "eve@globex.example")))).send();
        assertThat(borrowed.status()).as(borrowed.toString()).isBetween(400, 499);
        assertThat(borrowed.body()).doesNotContain("Acme");

        stubs.slack().verify(0, getRequestedFor(urlPathMatching("/avatar/.*")));
        assertThat(participant(participant).field("avatarFileId")).isNull();
    }

    private static ApiResponse foreignSync(String participant, String config, String address) {
        return api.request("POST", syncPath("globex", participant)).tenant("globex")
                .jsonBody(syncBody(config, address)).send();
    }

    // helpers

    private static void serveGravatar(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        stubs.slack().stubFor(get(urlPathMatching("/avatar/[0-9a-f]{64}")).willReturn(answer));
    }

    private static String connectedTelegram() {
        String config = createConfig("TELEGRAM", null);
        telegram.getMe();
        assertThat(connect(config, TelegramStandIn.TOKEN).status()).isEqualTo(200);
        storeTelegramToken(config);
        return config;
    }

    private static void storeTelegramToken(String config) {
        stubs.storeSecret("participants/tenants/" + TENANT + "/integrations/" + config + "/token",
                "{\"accessToken\":\"" + TelegramStandIn.TOKEN + "\",\"teamId\":\"" + TelegramStandIn.BOT_ID
                        + "\",\"botUserId\":\"acme_support_bot\",\"scopes\":[]}");
    }

    private static ApiResponse connect(String config, String token) {
        return api.request("POST", configPath(config) + ":connect").jsonBody(Map.of("botToken", token)).send();
    }

    private static String configPath(String config) {
        return "/v1/tenants/acme/integrations/configs/" + config;
    }

    private static ApiResponse getConfig(String config) {
        return api.request("GET", configPath(config)).send();
    }

    private static String createConfig(String provider, Boolean gravatar) {
        Map<String, Object> body = new HashMap<>(Map.of("provider", provider, "name", provider + " "
                + UUID.randomUUID()));
        if (gravatar != null) {
            body.put("gravatar", gravatar);
        }
        ApiResponse response = api.request("POST", "/v1/tenants/acme/integrations/configs").jsonBody(body).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.field("id");
    }

    private static String createParticipant(String configId, String address) {
        ApiResponse response = api.request("POST", "/v1/tenants/acme/participants")
                .jsonBody(Map.of("displayName", "Maria Lopez", "channels",
                        List.of(Map.of("integrationConfigId", configId, "address", address)))).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.field("id");
    }

    private static ApiResponse sync(String participantId, String configId, String address) {
        return api.request("POST", syncPath(TENANT, participantId)).jsonBody(syncBody(configId, address)).send();
    }

    private static ApiResponse participant(String participantId) {
        return api.request("GET", "/v1/tenants/acme/participants/" + participantId).send();
    }
}
