package io.participants.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.participants.api.testing.ApiHarness;
import io.participants.api.testing.LambdaContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entry point Lambda calls: the handler named by its class alone is a {@code RequestStreamHandler}, so the runtime
 * hands it the invocation's bytes and the function reads the event and writes the answer with its own JSON stack
 * ({@link GatewayEvents}). What it reads must be what the runtime's own serializer would have read, and what it
 * writes must read back with that serializer: {@code EventsReplayIntegrationTest} sends every event file this way, and
 * {@code SamLocalInvokeIntegrationTest} (functions/bench) runs the zip under Lambda's own runtime client.
 */
class LambdaStreamEntryIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ApiHarness api;
    private static String participant;

    @BeforeAll
    static void start() {
        api = ApiHarness.start();
        participant = api.request("POST", "/v1/tenants/acme/participants")
                .jsonBody(Map.of("displayName", "Ada Lovelace", "agentIds", List.of("agent-1"))).send().field("id");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void theBytesOfAnEventAreAnsweredAsTheEventItselfIs() throws IOException {
        APIGatewayV2HTTPEvent event = api.request("GET", "/v1/tenants/acme/participants/" + participant).event();
        byte[] bytes = runtimeJson(event);

        JsonNode answer = invoke(bytes);
        APIGatewayV2HTTPResponse direct = api.handler().handleRequest(
                api.request("GET", "/v1/tenants/acme/participants/" + participant).event(),
                LambdaContexts.invocation());

        assertThat(answer.get("statusCode").asInt()).isEqualTo(200).isEqualTo(direct.getStatusCode());
        assertThat(JSON.readTree(answer.get("body").asText())).isEqualTo(JSON.readTree(direct.getBody()));
        assertThat(answer.get("headers").get("Content-Type").asText()).isEqualTo("application/json");
        assertThat(JSON.readTree(answer.get("body").asText()).get("displayName").asText()).isEqualTo("Ada Lovelace");
        assertThat(answer.get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void theAnswerReadsBackWithTheRuntimesSerializerAndHoldsNoNullFields() throws IOException {
        byte[] out = invokeBytes(runtimeJson(
                api.request("GET", "/v1/tenants/acme/participants/" + participant).event()));

        APIGatewayV2HTTPResponse read = LambdaEventSerializers
                .serializerFor(APIGatewayV2HTTPResponse.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(out));
        assertThat(read.getStatusCode()).isEqualTo(200);
        assertThat(read.getHeaders()).containsEntry("Content-Type", "application/json");
        JsonNode answer = JSON.readTree(out);
        answer.properties().forEach(field ->
                assertThat(field.getValue().isNull()).as(field.getKey()).isFalse());
        // the fields the runtime's serializer writes for the same answer, and no others
        ByteArrayOutputStream runtime = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, getClass().getClassLoader())
                .toJson(read, runtime);
        JsonNode expected = JSON.readTree(runtime.toByteArray());
        assertThat(iterable(answer.fieldNames())).containsExactlyInAnyOrderElementsOf(iterable(expected.fieldNames()));
        assertThat(answer.get("headers")).isEqualTo(expected.get("headers"));
        assertThat(answer.get("body")).isEqualTo(expected.get("body"));
    }

    @Test
    void fieldsTheGatewayMayAddLaterAreSkipped() throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(runtimeJson(
                api.request("GET", "/v1/tenants/acme/participants/" + participant).event()));
        event.put("aFieldOfTomorrow", "x");
        ((ObjectNode) event.get("requestContext")).putObject("authentication")
                .putObject("clientCert").put("subjectDN", "CN=client");
        ((ObjectNode) event.get("requestContext").get("http")).put("somethingNew", 1);

        JsonNode answer = invoke(JSON.writeValueAsBytes(event));

        assertThat(answer.get("statusCode").asInt()).isEqualTo(200);
        assertThat(JSON.readTree(answer.get("body").asText()).get("id").asText()).isEqualTo(participant);
    }

    @Test
    void aBinaryBodyArrivesAsTheGatewayEncodedIt() throws IOException {
        // a refused upload shows that the base64 body was read as such: a PNG signature alone is no whole image
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        APIGatewayV2HTTPEvent upload = api.request("PUT", "/v1/tenants/acme/participants/" + participant + "/avatar")
                .header("Content-Type", "image/png")
                .base64Body(java.util.Base64.getEncoder().encodeToString(png)).event();

        JsonNode viaBytes = invoke(runtimeJson(upload));
        APIGatewayV2HTTPResponse direct = api.handler().handleRequest(
                api.request("PUT", "/v1/tenants/acme/participants/" + participant + "/avatar")
                        .header("Content-Type", "image/png")
                        .base64Body(java.util.Base64.getEncoder().encodeToString(png)).event(),
                LambdaContexts.invocation());

        assertThat(viaBytes.get("statusCode").asInt()).isEqualTo(direct.getStatusCode());
        assertThat(JSON.readTree(viaBytes.get("body").asText()).get("type"))
                .isEqualTo(JSON.readTree(direct.getBody()).get("type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "", "null", "[]", "42", "{\"version\": [1, 2]}", "{\"headers\": \"x\"}"})
    void anInvocationThatIsNoEventIsAProblemNeverAStackTrace(String input) throws IOException {
        JsonNode answer = invoke(input.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.get("statusCode").asInt()).isEqualTo(400);
        assertThat(answer.get("headers").get("Content-Type").asText()).isEqualTo(Problem.MEDIA_TYPE);
        JsonNode problem = JSON.readTree(answer.get("body").asText());
        assertThat(problem.get("type").asText()).endsWith(":invalid-request");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(answer.toString()).doesNotContain("Exception").doesNotContain("io.micronaut")
                .doesNotContain("com.fasterxml").doesNotContain("at io.");
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    /** The event as the Lambda runtime's own serializer writes it: the shape the gateway's JSON has. */
    private static byte[] runtimeJson(APIGatewayV2HTTPEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                LambdaStreamEntryIntegrationTest.class.getClassLoader()).toJson(event, out);
        return out.toByteArray();
    }

    private static JsonNode invoke(byte[] event) throws IOException {
        return JSON.readTree(invokeBytes(event));
    }

    private static byte[] invokeBytes(byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        api.handler().handleRequest(new ByteArrayInputStream(event), out, LambdaContexts.invocation());
        return out.toByteArray();
    }
}
