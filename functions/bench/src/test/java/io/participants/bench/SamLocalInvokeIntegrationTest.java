package io.participants.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.participants.api.FunctionCatalog;
import io.participants.api.avatars.AvatarStubs;
import io.participants.api.events.EventWorld;
import io.participants.infra.ChangeEvents;
import io.participants.infra.Functions;
import io.participants.local.LocalApi;
import io.participants.local.LocalOptions;
import io.participants.local.SamEnvJson;
import io.participants.local.SeedEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * What {@code sam local invoke -e events/...} does against seeded local mode, without Docker: the shipped zip,
 * unzipped as a task root, run by Lambda's own runtime interface client ({@code AWSLambda}, what the managed Java
 * runtime and SAM's images start) in a JVM per deployable with the template's environment, the values local mode's
 * env.json gives, and a {@link RuntimeApiStandIn} handing it every event file of that deployable in turn, each after
 * {@code seed-events} put the world back. Each answer must carry the status in the file's name. Slack is a WireMock,
 * its avatar CDN an https {@link ImageHost} reached through the service's unmodified download guard; the same WireMock
 * stands in for Telegram's Bot API ({@code getMe}), the Microsoft identity platform's token endpoint, Graph and
 * Gravatar, so that no event reaches a real provider.
 */
class SamLocalInvokeIntegrationTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    private static final String AWS_LAMBDA = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final Duration FIRST_ANSWER = Duration.ofSeconds(120);
    private static final Duration ANSWER = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path work;
    private static Artifact api;
    private static Artifact publisher;
    private static LocalOptions options;
    private static LocalApi local;
    private static AvatarStubs slack;
    private static ImageHost images;
    private static WireMockServer eventBridge;

    @BeforeAll
    static void start() throws IOException {
        Path apiZip = ROOT.resolve("functions/api/target/participants-api-lambda.zip");
        Path publisherZip = ROOT.resolve("functions/api/target/participants-change-events-lambda.zip");
        assertThat(apiZip).as("the Lambda zip: build it first (mvn package -pl functions/api -am)").isRegularFile();
        assertThat(publisherZip).isRegularFile();
        work = Files.createTempDirectory("sam-local-invoke-test");
        api = Artifact.unzip(apiZip, work.resolve("task"));
        publisher = Artifact.unzip(publisherZip, work.resolve("publisher-task"));
        slack = new AvatarStubs();
        images = new ImageHost(work.resolve("image-host"), AvatarStubs.PNG);
        // local mode as docs/sam-local-invoke.md starts it, with every provider's stand-in; 127.0.0.1 is how this
        // machine's children reach it (a container: host.docker.internal)
        String slackBase = "http://127.0.0.1:" + slack.slack().port();
        options = LocalOptions.parse(new String[] {"--in-memory", "--port", "0", "--data-dir",
                work.resolve("local-data").toString(), "--sam-host", "127.0.0.1", "--slack-api-base",
                slackBase + "/api", "--slack-oauth-base", slackBase, "--slack-image-hosts", ImageHost.HOST,
                "--telegram-api-base", slackBase, "--gravatar-base", slackBase + "/gravatar",
                "--microsoft-login-base", slackBase, "--microsoft-graph-base", slackBase + "/v1.0"}, Map.of());
        local = LocalApi.start(options);
        slack.slackAnswers(EventWorld.ADA_SLACK_USER, okJson(AvatarStubs.usersInfo(EventWorld.ADA_SLACK_USER,
                "e1f2a3b4c5d6", true, images.coldUrl())));
        slack.slack().stubFor(post(urlPathEqualTo("/api/oauth.v2.access")).willReturn(okJson("""
                {"ok": true, "access_token": "xoxb-17-events-token", "token_type": "bot",
                 "scope": "users:read", "bot_user_id": "B04BOT0001", "team": {"id": "T04ACME01", "name": "Acme"}}""")));
        slack.slack().stubFor(post(urlPathEqualTo("/api/auth.revoke"))
                .willReturn(okJson("{\"ok\": true, \"revoked\": true}")));
        // Telegram's getMe, which connect-integration-config.200 checks its bot token with
        slack.slack().stubFor(get(urlPathMatching("/bot[0-9]+:[A-Za-z0-9_-]+/getMe")).willReturn(okJson("""
                {"ok": true, "result": {"id": 7212345678, "is_bot": true, "first_name": "Acme",
                 "username": "acme_support_bot"}}""")));
        // the identity platform's token endpoint (the seeded Microsoft app names no directory: organizations), which
        // microsoft-oauth-callback.200 exchanges its code at
        slack.slack().stubFor(post(urlPathEqualTo("/organizations/oauth2/v2.0/token")).willReturn(okJson("""
                {"token_type": "Bearer", "expires_in": 3599, "access_token": "eyJ0-events-access",
                 "refresh_token": "0.AXoA-events-refresh",
                 "scope": "https://graph.microsoft.com/ProfilePhoto.Read.All"}""")));
        // Mary's Teams and Telegram users have no photo (sync-participant-avatar.400.*-no-image): Graph's documented
        // 404 ImageNotFound, and the Bot API's empty UserProfilePhotos
        slack.slack().stubFor(get(urlPathEqualTo("/v1.0/users/" + EventWorld.MARY_TEAMS_USER + "/photo"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"code": "ImageNotFound", "message": "Exception of type \
                        'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown."}}""")));
        slack.slack().stubFor(get(urlPathMatching("/bot[0-9]+:[A-Za-z0-9_-]+/getUserProfilePhotos"))
                .willReturn(okJson("{\"ok\": true, \"result\": {\"total_count\": 0, \"photos\": []}}")));
        eventBridge = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        eventBridge.start();
        eventBridge.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e-1\"}]}")));
    }

    @AfterAll
    static void stop() throws IOException {
        for (AutoCloseable closeable : new AutoCloseable[] {images, slack, local}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // the next resource still closes
            }
        }
        if (eventBridge != null) {
            eventBridge.stop();
        }
        Artifact.deleteTree(work);
    }

    @TestFactory
    Stream<DynamicTest> everyEventFileAnswersTheStatusInItsNameUnderTheRuntimeClient() {
        Map<String, List<EventFile>> byDeployable = EventFile.under(ROOT.resolve("events")).stream()
                .collect(Collectors.groupingBy(EventFile::deployable, LinkedHashMap::new, Collectors.toList()));
        assertThat(byDeployable.keySet()).containsExactlyInAnyOrderElementsOf(FunctionCatalog.deployables());
        // -Dsam.deployables=a,b replays only those, when looking into one
        List<String> only = Stream.of(System.getProperty("sam.deployables", "").split(","))
                .filter(name -> !name.isBlank()).toList();
        return byDeployable.entrySet().stream().filter(d -> only.isEmpty() || only.contains(d.getKey())).map(deployable -> dynamicTest(deployable.getKey(),
                () -> replay(deployable.getKey(), deployable.getValue())));
    }

    @Test
    void seedingAgainRemovesAndWritesTheSameAndShowsNoSecret() {
        seed();
        List<String> once = seed();
        List<String> twice = seed();

        assertThat(twice).isEqualTo(once);
        assertThat(String.join("\n", twice)).doesNotContain(EventWorld.SLACK_TOKEN.accessToken(),
                EventWorld.STATE_KEY, EventWorld.SLACK_CLIENT_SECRET, EventWorld.MICROSOFT_CLIENT_SECRET);
    }

    @Test
    void theChangeEventsPublishersZipAnswersEveryStreamEventWithAnEmptyBatchAnswer() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(ROOT.resolve("events/change-events"))) {
            files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        Map<String, String> env = LambdaEnvironment.runtime("participants-change-events", ChangeEvents.HANDLER,
                locals(publisher));
        env.put("PARTICIPANTS_EVENT_BUS_NAME", SamEnvJson.variables(options, local.endpoints(), local.port())
                .get("PARTICIPANTS_EVENT_BUS_NAME"));
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", eventBridge.baseUrl());
        env.put("JAVA_TOOL_OPTIONS", Functions.JAVA_TOOL_OPTIONS);
        try (RuntimeApiStandIn runtime = new RuntimeApiStandIn("participants-change-events");
             Child child = Child.start("publish-change-events", ChangeEvents.HANDLER, env, runtime, List.of())) {
            Duration timeout = FIRST_ANSWER;
            for (Path file : files) {
                RuntimeApiStandIn.Answer answer = runtime.invoke(Files.readString(file), timeout);
                timeout = ANSWER;
                assertThat(answer.error()).as(file + ": " + answer.body() + child.logTail()).isFalse();
                assertThat(JSON.readTree(answer.body()).path("batchItemFailures")).as(file.toString()).isEmpty();
            }
        }
    }

    private static void replay(String deployable, List<EventFile> events) throws Exception {
        seed();
        Map<String, String> env = environment(deployable);
        try (RuntimeApiStandIn runtime = new RuntimeApiStandIn("participants-" + deployable);
             Child child = Child.start(deployable, Functions.HANDLER, env, runtime, images.childJvmOptions())) {
            Duration timeout = FIRST_ANSWER;
            List<String> wrong = new ArrayList<>();
            for (EventFile event : events) {
                seed();
                // a signed success event, signed again as its provider would sign it now and for this environment's
                // webhook address: a Slack timestamp is long out of its window, a Twilio signature covers the URL
                String json = event.freshJson(env.get("PARTICIPANTS_WEBHOOKS_BASE_URL"));
                RuntimeApiStandIn.Answer answer = runtime.invoke(json, timeout);
                timeout = ANSWER;
                String outcome = check(event, answer);
                if (outcome != null) {
                    wrong.add(ROOT.resolve("events").relativize(event.path()) + ": " + outcome);
                }
            }
            assertThat(wrong).as("events answering otherwise than named" + child.logTail()).isEmpty();
        }
    }

    /** Null when the answer is the file's status (a problem+json for an error), else what it was. */
    private static String check(EventFile event, RuntimeApiStandIn.Answer answer) throws IOException {
        if (answer.error()) {
            return "the function failed: " + answer.body();
        }
        JsonNode response = JSON.readTree(answer.body());
        int status = response.path("statusCode").asInt();
        if (status != event.status()) {
            return "answered " + status + " " + response.path("body").asText();
        }
        String contentType = header(response, "content-type");
        if (status >= 400 && !"application/problem+json".equals(contentType)) {
            return "an error answered as " + contentType;
        }
        return null;
    }

    private static String header(JsonNode response, String name) {
        var fields = response.path("headers").fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue().asText();
            }
        }
        return null;
    }

    private static List<String> seed() {
        LocalApi.Endpoints endpoints = local.endpoints();
        return SeedEvents.seed(endpoints.dynamoDb(), endpoints.secretsManager(), options.table(),
                options.aws().secretsPrefix());
    }

    /**
     * As {@code sam local invoke} sets it: Lambda's variables, then the template's for the deployable, of which the
     * env.json local mode writes overrides those the template declares (SAM ignores the others). The providers'
     * stand-ins' addresses come in env.json's {@code JAVA_TOOL_OPTIONS}, since the template declares no provider
     * variable.
     */
    private static Map<String, String> environment(String deployable) {
        LambdaEnvironment.Locals locals = locals(api);
        Map<String, String> env = LambdaEnvironment.runtime("participants-" + deployable, Functions.HANDLER, locals);
        Map<String, String> template = LambdaEnvironment.stack(deployable, locals);
        env.putAll(template);
        SamEnvJson.variables(options, local.endpoints(), local.port()).forEach((name, value) -> {
            if (template.containsKey(name)) {
                env.put(name, value);
            }
        });
        assertThat(env.get("JAVA_TOOL_OPTIONS")).as("the stack's JVM options, then the providers' stand-ins")
                .startsWith(Functions.JAVA_TOOL_OPTIONS + " -Dparticipants.slack.api-base=http://127.0.0.1:")
                .contains(" -Dparticipants.telegram.api-base=http://127.0.0.1:",
                        " -Dparticipants.microsoft.login-base=http://127.0.0.1:");
        return env;
    }

    private static LambdaEnvironment.Locals locals(Artifact artifact) {
        LocalApi.Endpoints endpoints = local.endpoints();
        return new LambdaEnvironment.Locals(options.table(), endpoints.dynamoDb().toString(),
                endpoints.s3().toString(), options.aws().avatarsBucket(), endpoints.secretsManager().toString(),
                null, null, null, "local", "local", artifact.taskRoot());
    }

    /** The runtime client's JVM: its own jars on the classpath; the function's come from the task root. */
    private record Child(Process process, Path log) implements AutoCloseable {

        static Child start(String name, String handler, Map<String, String> env, RuntimeApiStandIn runtime,
                           List<String> jvmOptions) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ColdRunner.LAMBDA_JVM);
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", runtimeClientClasspath(), AWS_LAMBDA, handler));
            Path log = work.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(new File(env.get("LAMBDA_TASK_ROOT")))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            builder.environment().put("AWS_LAMBDA_RUNTIME_API", runtime.address());
            return new Child(builder.start(), log);
        }

        /** The last lines the child wrote, for a failure's message. */
        String logTail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return "\n--- " + log.getFileName() + " (last lines) ---\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                return "";
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** The runtime interface client and what it brings (the core interfaces, the serializer, utils-lite). */
    private static String runtimeClientClasspath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.contains("aws-lambda-java-runtime-interface-client") || p.contains("aws-lambda-java-core")
                        || p.contains("aws-lambda-java-serialization") || p.contains("utils-lite"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
