package io.participants.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/providers.md's walk-throughs against local mode itself: one WireMock stands in for Slack's Web API, the
 * Microsoft identity platform and Graph, Telegram's Bot API and file host, and Gravatar (started with
 * {@code --slack-api-base}, {@code --microsoft-login-base}, {@code --microsoft-graph-base},
 * {@code --telegram-api-base}, {@code --gravatar-base}, {@code --image-hosts 127.0.0.1 --insecure-image-downloads}),
 * and the apps' credentials are stored as {@code ./local slack-app} and {@code ./local microsoft-app} store them.
 * One participant with a Slack, a Teams, a Telegram and an email channel gets each avatar synced (the source fields
 * naming the channel), the link serves the exact bytes, the same image again keeps the file id, and each provider's
 * "no image", "not connected" and "channel not on the participant" cases answer the public page's 400s.
 */
class LocalProvidersWalkthroughIntegrationTest {

    private static final String SLACK_USER = "U0123ABCD";
    private static final String TELEGRAM_USER = "123456789";
    private static final String MAIL = "maria@example.com";
    /** A Teams user's Entra ID object id, as the operator gives it (upper case): stored lower-cased. */
    private static final String TEAMS_USER = "6E2F1A3B-9C4D-4E5F-8A7B-0C1D2E3F4A5B";
    private static final String TEAMS_ADDRESS = TEAMS_USER.toLowerCase(java.util.Locale.ROOT);
    private static final String DIRECTORY = "contoso.onmicrosoft.com";
    private static final String MS_CLIENT_ID = "0a1b2c3d-0000-4000-8000-00000000c1d0";
    private static final String MS_CLIENT_SECRET = "walkthrough-microsoft-secret";
    private static final String BOT_TOKEN = "xoxb-1-2-walkthroughBotToken";
    private static final String TELEGRAM_TOKEN = "7212345678:AAHwalkthroughTelegramSecret_0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private WireMockServer standIn;
    private LocalApi api;
    private String token;

    @BeforeEach
    void startStandIn() {
        standIn = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        standIn.start();
        // Slack: the OAuth exchange (docs/providers.md, "Slack")
        standIn.stubFor(post(urlPathEqualTo("/api/oauth.v2.access")).willReturn(okJson("""
                {"ok": true, "scope": "users:read", "token_type": "bot", "access_token": "%s",
                 "bot_user_id": "B04BOT0001", "team": {"id": "T04ACME01", "name": "Acme"}}""".formatted(BOT_TOKEN))));
        standIn.stubFor(post(urlPathEqualTo("/api/auth.revoke")).willReturn(okJson("{\"ok\":true,\"revoked\":true}")));
        // Microsoft identity platform: the code's exchange at the app's directory (docs/providers-teams.md)
        standIn.stubFor(post(urlPathEqualTo("/" + DIRECTORY + "/oauth2/v2.0/token"))
                .withRequestBody(containing("client_secret=" + MS_CLIENT_SECRET))
                .willReturn(okJson("""
                {"token_type": "Bearer", "expires_in": 3599, "access_token": "at-walkthrough",
                 "refresh_token": "rt-walkthrough", "scope": "https://graph.microsoft.com/ProfilePhoto.Read.All"}""")));
        // Telegram: getMe (docs/providers.md, "Telegram")
        standIn.stubFor(get(urlPathEqualTo("/bot" + TELEGRAM_TOKEN + "/getMe")).willReturn(okJson("""
                {"ok": true, "result": {"id": 7212345678, "is_bot": true, "first_name": "Acme",
                 "username": "acme_support_bot"}}""")));
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        standIn.stop();
    }

    @Test
    void oneParticipantGetsItsSlackTeamsTelegramAndGravatarAvatars() throws Exception {
        start();
        String configs = "/v1/tenants/acme/integrations/configs";
        String slack = connectSlack(configs);
        String teams = connectTeams(configs);
        String telegram = field(send("POST", configs, "{\"provider\":\"TELEGRAM\",\"name\":\"Acme Telegram\"}", 201),
                "id");
        JsonNode connected = send("POST", configs + "/" + telegram + ":connect",
                "{\"botToken\":\"" + TELEGRAM_TOKEN + "\"}", 200);
        assertThat(connected.at("/connection/status").asText()).isEqualTo("CONNECTED");
        assertThat(connected.toString()).doesNotContain("walkthroughTelegramSecret");
        String mail = field(send("POST", configs,
                "{\"provider\":\"EMAIL\",\"name\":\"Acme mail\",\"gravatar\":true}", 201), "id");

        String participants = "/v1/tenants/acme/participants";
        String maria = field(send("POST", participants, """
                {"displayName": "Maria", "channels": [
                  {"integrationConfigId": "%s", "address": "%s"},
                  {"integrationConfigId": "%s", "address": "%s"},
                  {"integrationConfigId": "%s", "address": "%s"},
                  {"integrationConfigId": "%s", "address": "%s"}]}"""
                .formatted(slack, SLACK_USER, teams, TEAMS_USER, telegram, TELEGRAM_USER, mail, MAIL), 201), "id");
        String sync = participants + "/" + maria + "/avatar:syncFromChannel";
        String avatar = participants + "/" + maria + "/avatar";

        // Slack
        byte[] slackImage = png(0xFF3366CC);
        slackUser("hash0001", slackImage);
        syncedTwice(sync, avatar, slack, SLACK_USER, slackImage);

        // Teams: Graph's photo metadata (its media ETag) and the 648x648 photo
        byte[] teamsImage = png(0xFF0078D4);
        teamsUser("etag-1", teamsImage);
        syncedTwice(sync, avatar, teams, TEAMS_ADDRESS, teamsImage);

        // Telegram
        byte[] telegramImage = png(0xFF22AA44);
        telegramUser(telegramImage);
        syncedTwice(sync, avatar, telegram, TELEGRAM_USER, telegramImage);

        // Gravatar
        byte[] gravatarImage = png(0xFFAA2244);
        standIn.stubFor(get(urlPathMatching("/avatar/[0-9a-f]{64}"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(gravatarImage)));
        syncedTwice(sync, avatar, mail, MAIL, gravatarImage);

        // no image, for each provider
        slackDefaultAvatar();
        problem("POST", sync, body(slack, SLACK_USER), "no-image");
        standIn.stubFor(get(urlPathEqualTo("/v1.0/users/" + TEAMS_ADDRESS + "/photo"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"code": "ImageNotFound", "message": "Exception of type \
                        'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown."}}""")));
        problem("POST", sync, body(teams, TEAMS_ADDRESS), "no-image");
        standIn.stubFor(get(urlPathEqualTo("/bot" + TELEGRAM_TOKEN + "/getUserProfilePhotos"))
                .willReturn(okJson("{\"ok\":true,\"result\":{\"total_count\":0,\"photos\":[]}}")));
        problem("POST", sync, body(telegram, TELEGRAM_USER), "no-image");
        standIn.stubFor(get(urlPathMatching("/avatar/[0-9a-f]{64}")).willReturn(aResponse().withStatus(404)));
        problem("POST", sync, body(mail, MAIL), "no-image");

        // the channel is not on the participant, for each provider
        problem("POST", sync, body(slack, "U0999ZZZZ"), "channel-not-found");
        problem("POST", sync, body(teams, "0b1c2d3e-0000-4000-8000-000000000999"), "channel-not-found");
        problem("POST", sync, body(telegram, "987654321"), "channel-not-found");
        problem("POST", sync, body(mail, "someone@example.com"), "channel-not-found");

        // not connected: Slack and Telegram once disconnected; Gravatar needs no connection, only the config's opt-in
        send("POST", configs + "/" + slack + ":disconnect", null, 200);
        problem("POST", sync, body(slack, SLACK_USER), "not-connected");
        send("POST", configs + "/" + teams + ":disconnect", null, 200);
        problem("POST", sync, body(teams, TEAMS_ADDRESS), "not-connected");
        send("POST", configs + "/" + telegram + ":disconnect", null, 200);
        problem("POST", sync, body(telegram, TELEGRAM_USER), "not-connected");
        String quiet = field(send("POST", configs, "{\"provider\":\"EMAIL\",\"name\":\"Quiet mail\"}", 201), "id");
        String other = field(send("POST", participants, """
                {"displayName": "Noor", "channels": [{"integrationConfigId": "%s", "address": "noor@example.com"}]}"""
                .formatted(quiet), 201), "id");
        problem("POST", participants + "/" + other + "/avatar:syncFromChannel", body(quiet, "noor@example.com"),
                "no-avatar-source");
    }

    /** Syncs from one channel: 200 naming it, the link serving the bytes; again, the same file id. */
    private void syncedTwice(String sync, String avatar, String config, String address, byte[] image)
            throws Exception {
        JsonNode first = send("POST", sync, body(config, address), 200);
        assertThat(first.get("avatarSource").asText()).isEqualTo("CHANNEL_SYNC");
        assertThat(first.get("avatarSourceConfigId").asText()).isEqualTo(config);
        assertThat(first.get("avatarSourceAddress").asText()).isEqualTo(address);
        String fileId = field(first, "avatarFileId");
        assertThat(served(avatar)).containsExactly(image);
        assertThat(field(send("POST", sync, body(config, address), 200), "avatarFileId")).isEqualTo(fileId);
    }

    private String connectSlack(String configs) throws Exception {
        String config = field(send("POST", configs, "{\"provider\":\"SLACK\",\"name\":\"Acme Slack\"}", 201), "id");
        JsonNode authorized = send("POST", configs + "/" + config + ":authorize", null, 200);
        Map<String, String> consent = query(URI.create(authorized.get("authorizationUrl").asText()));
        URI callback = URI.create(consent.get("redirect_uri") + "?code=code-7&state=" + consent.get("state"));
        HttpResponse<String> connected = http.send(HttpRequest.newBuilder(callback).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);
        return config;
    }

    /**
     * Teams as docs/providers-teams.md connects it: {@code :authorize} answers the consent page of the app's
     * directory at the login base with the least scopes; the browser's return to the URL's {@code redirect_uri}
     * (the callback of local mode) with a code and the state connects the config.
     */
    private String connectTeams(String configs) throws Exception {
        String config = field(send("POST", configs, "{\"provider\":\"MICROSOFT_TEAMS\",\"name\":\"Contoso Teams\"}",
                201), "id");
        URI consentPage = URI.create(send("POST", configs + "/" + config + ":authorize", null, 200)
                .get("authorizationUrl").asText());
        assertThat(consentPage.getPath()).isEqualTo("/" + DIRECTORY + "/oauth2/v2.0/authorize");
        assertThat(consentPage.getPort()).isEqualTo(standIn.port());
        Map<String, String> consent = query(consentPage);
        assertThat(consent).containsEntry("client_id", MS_CLIENT_ID).containsEntry("response_type", "code");
        assertThat(consent.get("scope").split(" ")).containsExactlyInAnyOrder(
                "https://graph.microsoft.com/ProfilePhoto.Read.All", "offline_access");
        assertThat(consent.get("redirect_uri")).isEqualTo("http://127.0.0.1:" + api.port()
                + "/v1/oauth/microsoft/callback");
        URI callback = URI.create(consent.get("redirect_uri") + "?code=local-code&state=" + consent.get("state"));
        HttpResponse<String> connected = http.send(HttpRequest.newBuilder(callback).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);
        assertThat(send("GET", configs + "/" + config, null, 200).at("/connection/status").asText())
                .isEqualTo("CONNECTED");
        assertThat(connected.body()).doesNotContain("at-walkthrough").doesNotContain("rt-walkthrough");
        return config;
    }

    private void start() throws IOException {
        // the apps' credentials, as ./local slack-app and ./local microsoft-app store them before local mode starts
        storeApp("slack-app", "--client-id", "1234.5678", "--client-secret", "walkthrough-client-secret");
        storeApp("microsoft-app", "--client-id", MS_CLIENT_ID, "--client-secret", MS_CLIENT_SECRET,
                "--directory-tenant", DIRECTORY);
        String base = "http://127.0.0.1:" + standIn.port();
        LocalOptions options = LocalOptions.parse(new String[] {"--data-dir", dataDir.toString(), "--port", "0",
                "--slack-api-base", base + "/api", "--slack-oauth-base", base,
                "--microsoft-login-base", base, "--microsoft-graph-base", base + "/v1.0",
                "--telegram-api-base", base, "--gravatar-base", base, "--image-hosts", "127.0.0.1",
                "--insecure-image-downloads"}, Map.of());
        api = LocalApi.start(options);
        token = LocalIssuer.open(options.dataDir(), options.issuer(), options.audience()).mint("dev-user", "acme",
                List.of("integrations:admin", "participants:read", "participants:write"), Duration.ofMinutes(10));
    }

    private void slackUser(String hash, byte[] image) {
        String original = "http://127.0.0.1:" + standIn.port() + "/img/" + hash + "_original.png";
        standIn.stubFor(get(urlPathEqualTo("/api/users.info")).willReturn(okJson("""
                {"ok": true, "user": {"id": "%s", "team_id": "T04ACME01", "name": "maria", "deleted": false,
                 "profile": {"avatar_hash": "%s", "image_original": "%s", "is_custom_image": true}}}"""
                .formatted(SLACK_USER, hash, original))));
        standIn.stubFor(get(urlPathEqualTo("/img/" + hash + "_original.png"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(image)));
    }

    private void storeApp(String command, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = command;
        args[1] = "--data-dir";
        args[2] = dataDir.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        SlackAppCommand.run(LocalOptions.parse(args, Map.of()), InputStream.nullInputStream());
    }

    private void teamsUser(String etag, byte[] image) {
        standIn.stubFor(get(urlPathEqualTo("/v1.0/users/" + TEAMS_ADDRESS + "/photo"))
                .withHeader("Authorization", equalTo("Bearer at-walkthrough")).willReturn(okJson("""
                {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('%s')/photo/$entity",
                 "@odata.mediaContentType": "image/png", "@odata.mediaEtag": "W/\\"%s\\"",
                 "id": "648X648", "height": 648, "width": 648}""".formatted(TEAMS_ADDRESS, etag))));
        standIn.stubFor(get(urlPathEqualTo("/v1.0/users/" + TEAMS_ADDRESS + "/photos/648x648/$value"))
                .withHeader("Authorization", equalTo("Bearer at-walkthrough"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(image)));
    }

    private void slackDefaultAvatar() {
        standIn.stubFor(get(urlPathEqualTo("/api/users.info")).willReturn(okJson("""
                {"ok": true, "user": {"id": "%s", "profile": {"avatar_hash": "g0", "is_custom_image": false}}}"""
                .formatted(SLACK_USER))));
    }

    private void telegramUser(byte[] image) {
        String bot = "/bot" + TELEGRAM_TOKEN;
        standIn.stubFor(get(urlPathEqualTo(bot + "/getUserProfilePhotos")).willReturn(okJson("""
                {"ok": true, "result": {"total_count": 1, "photos": [[
                  {"file_id": "AgACSmall", "file_unique_id": "AQADs", "file_size": 3071, "width": 160, "height": 160},
                  {"file_id": "AgACLarge", "file_unique_id": "AQADl", "file_size": 26510, "width": 640, "height": 640}
                ]]}}""")));
        standIn.stubFor(get(urlPathEqualTo(bot + "/getFile")).willReturn(okJson("""
                {"ok": true, "result": {"file_id": "AgACLarge", "file_unique_id": "AQADl", "file_size": 26510,
                 "file_path": "photos/file_0.jpg"}}""")));
        standIn.stubFor(get(urlPathEqualTo("/file" + bot + "/photos/file_0.jpg"))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(image)));
    }

    private void problem(String method, String path, String body, String slug) throws Exception {
        JsonNode problem = send(method, path, body, 400);
        assertThat(problem.get("type").asText()).as(problem.toString()).endsWith(":" + slug);
    }

    private static String body(String config, String address) {
        return "{\"integrationConfigId\": \"" + config + "\", \"address\": \"" + address + "\"}";
    }

    private byte[] served(String avatarPath) throws Exception {
        URI link = URI.create(send("GET", avatarPath, null, 200).get("url").asText());
        HttpResponse<byte[]> image = http.send(HttpRequest.newBuilder(link).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        return image.body();
    }

    private JsonNode send(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }

    private static String field(JsonNode node, String name) {
        return node.get(name).asText();
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

    private static byte[] png(int argb) {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, argb);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
