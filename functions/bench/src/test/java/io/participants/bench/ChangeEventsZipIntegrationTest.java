package io.participants.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.participants.bench.launcher.LambdaLauncher;
import io.participants.bench.launcher.StreamLauncher;
import io.participants.infra.ChangeEvents;
import io.participants.infra.Functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change-events publisher's own zip, as Lambda runs it: its jars alone (no Micronaut, no S3), the handler the
 * stack names built by its no-arg constructor, each stream event of {@code events/change-events/} read by the
 * runtime's serializer, and PutEvents sent to a stand-in EventBridge (the SDK's {@code AWS_ENDPOINT_URL_EVENTBRIDGE}).
 * A class the publisher needs and its zip lacks fails here, not in a deployed function.
 */
class ChangeEventsZipIntegrationTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    private static final String BUS = "participants-change-events-test";
    private static final String PUT_EVENTS = "AWSEvents.PutEvents";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path work;
    private static Artifact publisher;
    private static WireMockServer eventBridge;

    @BeforeAll
    static void start() throws IOException {
        Path zip = ROOT.resolve("functions/api/target/participants-change-events-lambda.zip");
        assertThat(zip).as("the publisher's zip: build it first (mvn package -pl functions/api -am)").isRegularFile();
        work = Files.createTempDirectory("change-events-zip-test");
        publisher = Artifact.unzip(zip, work.resolve("task"));
        eventBridge = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        eventBridge.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (eventBridge != null) {
            eventBridge.stop();
        }
        Artifact.deleteTree(work);
    }

    @BeforeEach
    void reset() {
        eventBridge.resetAll();
    }

    static Stream<Path> streamEvents() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("events/change-events"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("streamEvents")
    void theZipPublishesEachKindOfChangeToTheBus(Path streamEvent) throws Exception {
        eventBridge.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PUT_EVENTS))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e-1\"}]}")));

        String answer = run(streamEvent);

        assertThat(JSON.readTree(answer).path("batchItemFailures")).isEmpty();
        List<LoggedRequest> calls = eventBridge.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(calls).singleElement().satisfies(call ->
                assertThat(call.getHeader("X-Amz-Target")).isEqualTo(PUT_EVENTS));
        JsonNode entry = JSON.readTree(calls.get(0).getBodyAsString()).path("Entries").path(0);
        // <resource>.<change>[.<case>].json: a connection's events have a case per provider beside Slack
        String[] name = streamEvent.getFileName().toString().replace(".json", "").split("\\.");
        String type = name[0] + "." + name[1];
        assertThat(entry.path("EventBusName").asText()).isEqualTo(BUS);
        assertThat(entry.path("Source").asText()).isEqualTo("participants-api");
        assertThat(entry.path("DetailType").asText()).isEqualTo("participants." + type);
        assertThat(JSON.readTree(entry.path("Detail").asText()).path("type").asText())
                .isEqualTo("participants." + type);
    }

    @Test
    void anEntryTheBusRefusesIsNamedInTheBatchAnswerForLambdaToRetry() throws Exception {
        eventBridge.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PUT_EVENTS))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":\"InternalFailure\","
                                + "\"ErrorMessage\":\"try again\"}]}")));
        Path streamEvent = ROOT.resolve("events/change-events/participant.created.json");
        String sequenceNumber = JSON.readTree(streamEvent.toFile()).path("Records").path(0).path("dynamodb")
                .path("SequenceNumber").asText();

        String answer = run(streamEvent);

        assertThat(JSON.readTree(answer).path("batchItemFailures").path(0).path("itemIdentifier").asText())
                .isNotEmpty().isEqualTo(sequenceNumber);
    }

    @Test
    void theZipHoldsThePublishersClientsAndNoFrameworkWhileTheApisHoldsNoEventBridge() throws IOException {
        assertThat(publisher.jars()).map(jar -> jar.getFileName().toString())
                .anyMatch(name -> name.startsWith("eventbridge-"))
                .anyMatch(name -> name.startsWith("participants-api-"))
                .noneMatch(name -> name.startsWith("micronaut-") || name.startsWith("s3-")
                        || name.startsWith("secretsmanager-") || name.startsWith("reactor-"));
        Artifact api = Artifact.unzip(ROOT.resolve("functions/api/target/participants-api-lambda.zip"),
                work.resolve("api"));
        assertThat(api.jars()).map(jar -> jar.getFileName().toString())
                .noneMatch(name -> name.startsWith("eventbridge-"))
                .anyMatch(name -> name.startsWith("micronaut-function-aws-api-proxy-"));
    }

    /** Runs the handler the stack names on one stream event in a JVM of its own; answers the batch answer's JSON. */
    private static String run(Path streamEvent) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC", "-cp",
                LauncherClasspath.of(ROOT, publisher).stream().map(Path::toString)
                        .collect(Collectors.joining(File.pathSeparator)), StreamLauncher.class.getName(),
                ChangeEvents.HANDLER.substring(0, ChangeEvents.HANDLER.indexOf("::")), streamEvent.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(environment());
        Process process = builder.start();
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the publisher's JVM ended").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().filter(l -> l.startsWith(LambdaLauncher.RESULT + " ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no RESULT line in:\n" + output))
                .substring(LambdaLauncher.RESULT.length() + 1);
    }

    /** The stack's environment for the publisher, the runtime's own variables, and the stand-in's endpoint. */
    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "not-a-secret");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "participants-change-events");
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", eventBridge.baseUrl());
        env.put("PARTICIPANTS_EVENT_BUS_NAME", BUS);
        env.put("JAVA_TOOL_OPTIONS", Functions.JAVA_TOOL_OPTIONS);
        return env;
    }
}
