package io.participants.api.events;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;

import io.participants.api.secrets.SecretsManagerStub;
import io.participants.domain.connection.ProviderToken;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.micronaut.http.MediaType;
import io.participants.api.FunctionCatalog;
import io.participants.api.http.Problem;
import io.participants.api.avatars.AvatarStubs;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.ApiResponse;
import io.participants.api.testing.LocalDynamo;
import io.participants.api.testing.LocalS3;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Replays every API Gateway event file under {@code events/} through the real handler, each in a fresh table
 * holding the fixed world of {@link EventWorld}, and checks the status that the file's name promises.
 */
class EventsReplayIntegrationTest {

    private static final Path EVENTS = eventsFolder();

    @TestFactory
    Stream<DynamicTest> everyEventAnswersTheStatusInItsName() {
        return eventFiles().stream().map(file -> dynamicTest(file.toString(), file.path().toUri(), () -> replay(file)));
    }

    @TestFactory
    Stream<DynamicTest> everyEventIsWhatTheGatewaySendsForItsRoute() {
        return eventFiles().stream().map(file -> dynamicTest(file.toString(), file.path().toUri(),
                () -> checkShape(file)));
    }

    @Test
    void everyFunctionHasASuccessEvent() {
        Set<String> succeeding = eventFiles().stream().filter(f -> f.status() < 300)
                .map(f -> f.function().name()).collect(Collectors.toSet());

        assertThat(succeeding).containsAll(FunctionCatalog.FUNCTIONS.stream().map(FunctionCatalog.Function::name)
                .toList());
    }

    private static void replay(EventFile file) {
        switch (file.function().name()) {
            case "sync-participant-avatar" -> {
                // Ada's Slack user on stubbed Slack, her config's token in stubbed Secrets Manager, s3proxy for S3
                // and Mary's Teams and Telegram users, who have no photo, on stubbed Graph and Bot API
                try (AvatarStubs stubs = new AvatarStubs()) {
                    stubs.storeToken("acme", EventWorld.SLACK_CONFIG.toString());
                    stubs.slackUser(EventWorld.ADA_SLACK_USER, "e1f2a3b4c5d6");
                    stubs.serveImage("e1f2a3b4c5d6", AvatarStubs.PNG, "image/png");
                    storeToken(stubs, EventWorld.TEAMS_CONFIG, EventWorld.TEAMS_TOKEN);
                    storeToken(stubs, EventWorld.TELEGRAM_CONFIG, EventWorld.TELEGRAM_TOKEN);
                    stubs.slack().stubFor(get(urlPathEqualTo("/v1.0/users/" + EventWorld.MARY_TEAMS_USER + "/photo"))
                            .withHeader("Authorization", equalTo("Bearer " + EventWorld.TEAMS_TOKEN.accessToken()))
                            .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                                    .withBody("{\"error\": {\"code\": \"ImageNotFound\", \"message\": \"Exception"
                                            + " of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException'"
                                            + " was thrown.\"}}")));
                    stubs.slack().stubFor(get(urlPathEqualTo("/bot" + EventWorld.TELEGRAM_TOKEN.accessToken()
                            + "/getUserProfilePhotos")).withQueryParam("user_id", equalTo(EventWorld.MARY_TELEGRAM_USER))
                            .willReturn(okJson("{\"ok\": true, \"result\": {\"total_count\": 0, \"photos\": []}}")));
                    String base = "http://127.0.0.1:" + stubs.slack().port();
                    replay(file, stubs.harness(AvatarStubs.guards(), Map.of("participants.microsoft.graph-base",
                            base + "/v1.0", "participants.telegram.api-base", base)));
                }
            }
            // the Slack app's secrets and a stored token in stubbed Secrets Manager, Slack's OAuth methods stubbed
            case "authorize-integration-config", "disconnect-integration-config", "slack-oauth-callback",
                 "connect-integration-config" -> {
                try (AvatarStubs stubs = new AvatarStubs()) {
                    stubs.storeAppSecrets();
                    storeMicrosoftApp(stubs);
                    stubs.storeToken("acme", EventWorld.SLACK_CONFIG.toString());
                    storeToken(stubs, EventWorld.TELEGRAM_CONFIG, EventWorld.TELEGRAM_TOKEN);
                    stubs.slack().stubFor(post(urlPathEqualTo("/api/oauth.v2.access")).willReturn(okJson("""
                            {"ok": true, "access_token": "xoxb-17-events-token", "token_type": "bot",
                             "scope": "users:read", "bot_user_id": "B04BOT0001",
                             "team": {"id": "T04ACME01", "name": "Acme"}}""")));
                    stubs.slack().stubFor(post(urlPathEqualTo("/api/auth.revoke"))
                            .willReturn(okJson("{\"ok\": true, \"revoked\": true}")));
                    // Telegram's getMe, for the bot token of connect-integration-config
                    stubs.slack().stubFor(get(urlPathMatching("/bot[0-9]+:[A-Za-z0-9_-]+/getMe")).willReturn(okJson("""
                            {"ok": true, "result": {"id": 7212345678, "is_bot": true, "first_name": "Acme",
                             "username": "acme_support_bot"}}""")));
                    replay(file, stubs.harness());
                }
            }
            // the Slack app's signing secret and the SMS config's Twilio auth token in stubbed Secrets Manager; the
            // clock at the files' time, 2026-11-22T09:00:00Z, so that Slack's five-minute window holds
            case "receive-webhook" -> {
                try (AvatarStubs stubs = new AvatarStubs()) {
                    stubs.storeSecret("participants/slack/app", "{\"clientId\":\"" + EventWorld.SLACK_CLIENT_ID
                            + "\",\"clientSecret\":\"s\",\"signingKey\":\"" + EventWorld.SLACK_SIGNING_SECRET
                            + "\"}");
                    stubs.storeSecret("participants/tenants/acme/integrations/" + EventWorld.SMS_CONFIG + "/token",
                            "{\"accessToken\":\"" + EventWorld.TWILIO_AUTH_TOKEN + "\",\"scopes\":[]}");
                    replay(file, stubs.harness(AvatarStubs.guards(), Map.of(), java.time.Clock.fixed(
                            java.time.Instant.parse("2026-11-22T09:00:00Z"), java.time.ZoneOffset.UTC)));
                }
            }
            // s3proxy for the upload and the removal of the replaced or cleared file
            case "upload-participant-avatar", "delete-participant-avatar" -> {
                try (AvatarStubs stubs = new AvatarStubs()) {
                    replay(file, stubs.harness());
                }
            }
            // the Microsoft app's secret and the state key in stubbed Secrets Manager, the token endpoint stubbed
            case "microsoft-oauth-callback" -> {
                try (AvatarStubs stubs = new AvatarStubs()) {
                    stubs.storeAppSecrets();
                    storeMicrosoftApp(stubs);
                    stubs.slack().stubFor(post(urlPathEqualTo("/organizations/oauth2/v2.0/token")).willReturn(okJson("""
                            {"token_type": "Bearer", "expires_in": 3599, "access_token": "eyJ0-events-access",
                             "refresh_token": "0.AXoA-events-refresh",
                             "scope": "https://graph.microsoft.com/ProfilePhoto.Read.All"}""")));
                    replay(file, stubs.harness(AvatarStubs.guards(), Map.of("participants.microsoft.login-base",
                            "http://127.0.0.1:" + stubs.slack().port())));
                }
            }
            // presigning a link needs an endpoint and a bucket, but no network
            case "get-participant-avatar" -> replay(file, ApiHarness.start(Map.of(
                    "participants.s3.endpoint", LocalS3.endpoint().toString(),
                    "participants.avatars.bucket", "participants-avatars")));
            // A warm harness starts about as fast as a table can be emptied, so each event gets its own.
            default -> replay(file, ApiHarness.start());
        }
    }

    /** The Microsoft app's credentials as the world's secrets hold them (no directory: {@code organizations}). */
    private static void storeMicrosoftApp(AvatarStubs stubs) {
        stubs.secrets().stub(SecretsManagerStub.operation("GetSecretValue").atPriority(1)
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo("participants/microsoft/app")))
                .willReturn(SecretsManagerStub.secretValue("participants/microsoft/app", "{\"clientId\":\""
                        + EventWorld.MICROSOFT_CLIENT_ID + "\",\"clientSecret\":\"" + EventWorld.MICROSOFT_CLIENT_SECRET
                        + "\"}")));
    }

    /** A config's token as {@link EventWorld#writeSecrets} stores it. */
    private static void storeToken(AvatarStubs stubs, java.util.UUID config, ProviderToken token) {
        StringBuilder json = new StringBuilder("{\"accessToken\":\"" + token.accessToken() + "\",\"teamId\":\""
                + token.teamId() + "\",\"scopes\":[" + token.scopes().stream().map(s -> "\"" + s + "\"")
                .collect(Collectors.joining(",")) + "]");
        if (token.refreshToken() != null) {
            json.append(",\"refreshToken\":\"").append(token.refreshToken()).append("\",\"expiresAt\":\"")
                    .append(token.expiresAt()).append('"');
        }
        stubs.storeSecret("participants/tenants/acme/integrations/" + config + "/token", json.append('}').toString());
    }

    private static void replay(EventFile file, ApiHarness harness) {
        try (ApiHarness api = harness) {
            EventWorld.seed(LocalDynamo.client(), api.table());

            // the file's bytes, as Lambda hands an invocation to the deployed handler
            ApiResponse response = api.sendAsLambda(file.bytes(), file.load());

            assertThat(response.status()).as(response.toString()).isEqualTo(file.status());
            if (file.status() >= 400) {
                assertThat(response.contentType()).as(response.toString()).isEqualTo(Problem.MEDIA_TYPE);
                assertThat(response.json().get("status").getIntValue()).isEqualTo(file.status());
                if (file.path().getFileName().toString().endsWith("no-image.json")) {
                    // a Teams or Telegram user without a photo: the provider was asked, and said so
                    assertThat(response.json().get("type").getStringValue()).endsWith(":no-image");
                }
            } else if (file.path().getFileName().toString().endsWith("teams-validation.json")) {
                // Microsoft Graph's validation handshake: the token echoed as plain text
                assertThat(response.contentType()).as(response.toString()).startsWith(MediaType.TEXT_PLAIN);
                assertThat(response.body()).startsWith("Validation: ");
            } else if (file.status() != 204 && file.status() != 202) {
                // 202 (Graph's notifications accepted) has no body, as 204
                assertThat(response.contentType()).as(response.toString()).isEqualTo(MediaType.APPLICATION_JSON);
            }
        }
    }

    /** Keeps the hand-edited files complete and true to the route they name: a wrong path tests another function. */
    private static void checkShape(EventFile file) {
        APIGatewayV2HTTPEvent event = file.load();
        FunctionCatalog.Function function = file.function();
        var context = event.getRequestContext();
        var http = context.getHttp();

        assertThat(event.getVersion()).isEqualTo("2.0");
        // the key API Gateway routes on: custom methods such as {participantId}:disable share a whole-segment route
        assertThat(event.getRouteKey()).isEqualTo(function.routeKey());
        assertThat(context.getRouteKey()).isEqualTo(event.getRouteKey());
        assertThat(context.getStage()).isEqualTo("$default");
        assertThat(List.of(context.getAccountId(), context.getApiId(), context.getDomainName(), context.getRequestId(),
                context.getTime(), http.getProtocol(), http.getSourceIp(), http.getUserAgent())).doesNotContainNull();
        assertThat(context.getTimeEpoch()).isPositive();
        assertThat(http.getMethod()).isEqualTo(function.method());
        assertThat(http.getPath()).isEqualTo(event.getRawPath());
        assertThat(event.getRawQueryString()).isNotNull();
        assertThat(FunctionCatalog.route(function.method(), event.getRawPath())).contains(function);
        var gatewayRoute = new FunctionCatalog.Function(function.name(), function.method(), function.gatewayPath(),
                function.scope(), function.deployable());
        assertThat(gatewayRoute.match(function.method(), event.getRawPath()))
                .contains(event.getPathParameters() == null ? Map.of() : event.getPathParameters());
        assertThat(familyOf(function)).as("family folder").isEqualTo(file.family());
        assertThat(event.getHeaders().keySet()).allMatch(name -> name.equals(name.toLowerCase()));
        assertThat(event.getHeaders().containsKey("content-type")).isEqualTo(event.getBody() != null);
        if (file.status() == 401 || !function.authorized()) {
            // no claims: a request the function must refuse, or the public route, where API Gateway runs no authorizer
            assertThat(context.getAuthorizer()).isNull();
        } else {
            var jwt = context.getAuthorizer().getJwt();
            assertThat(jwt.getClaims()).containsKeys("sub", "iss", "aud", "exp", "iat", "tenant_id", "scope");
            assertThat(jwt.getScopes()).isNotEmpty();
        }
    }

    /**
     * The path segment after the tenant; the workspace API is one family, {@code conversations}, though a contact's
     * conversations are reached under {@code participants}.
     */
    private static String familyOf(FunctionCatalog.Function function) {
        String[] segments = function.path().split("/");
        if (segments[1].equals("workspaces")) {
            return "conversations";
        }
        // the OAuth callback completes an integration config's connection; a custom method on a collection
        // (participants:lookupByChannel) is of the collection's family
        return segments[2].equals("oauth") ? "integrations"
                : segments[2].equals("webhooks") ? "webhooks" : segments[4].split(":")[0];
    }

    private static List<EventFile> eventFiles() {
        try (Stream<Path> files = Files.walk(EVENTS)) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().equals("README.md"))
                    // DynamoDB Streams events for the change-events publisher (ChangeEventFilesIntegrationTest)
                    .filter(path -> !EVENTS.relativize(path).startsWith("change-events"))
                    .sorted()
                    .map(EventFile::of)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Surefire runs in the module's folder; the events live at the repository root, beside the modules. */
    private static Path eventsFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolve("events");
            }
        }
        throw new IllegalStateException("no events/ folder above " + Path.of("").toAbsolutePath());
    }

    /** One file, {@code events/<family>/<function-name>.<status>[.<case>].json}, read from its path. */
    private record EventFile(Path path, String family, FunctionCatalog.Function function, int status) {

        private static final Pattern NAME =
                Pattern.compile("([a-z]+(?:-[a-z]+)*)\\.([1-5]\\d\\d)(?:\\.[a-z0-9]+(?:-[a-z0-9]+)*)?\\.json");

        static EventFile of(Path path) {
            Path relative = EVENTS.relativize(path);
            Matcher name = NAME.matcher(path.getFileName().toString());
            if (relative.getNameCount() != 2 || !name.matches()) {
                throw new IllegalArgumentException(
                        relative + " is not named <family>/<function-name>.<status>[.<case>].json");
            }
            FunctionCatalog.Function function = FunctionCatalog.named(name.group(1)).orElseThrow(() ->
                    new IllegalArgumentException(relative + " names no function of FunctionCatalog"));
            return new EventFile(path, relative.getName(0).toString(), function, Integer.parseInt(name.group(2)));
        }

        APIGatewayV2HTTPEvent load() {
            return EventLoader.loadApiGatewayHttpEvent(path.toString());
        }

        byte[] bytes() {
            try {
                return Files.readAllBytes(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return EVENTS.relativize(path).toString();
        }
    }
}
