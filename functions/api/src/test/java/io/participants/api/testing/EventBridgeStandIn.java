package io.participants.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.participants.api.changes.EventBridgeSink;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A stand-in for EventBridge's PutEvents on 127.0.0.1, speaking its JSON protocol as the real SDK client sends it
 * ({@code POST /}, {@code X-Amz-Target: AWSEvents.PutEvents}, {@code application/x-amz-json-1.1}). It keeps every
 * entry it accepted, and can refuse entries (from the k-th of the next calls on, with an {@code ErrorCode}) or fail
 * whole calls (a 500 or a throttling error), as EventBridge may. Anything else it answers 400, so a protocol change
 * of the SDK fails the tests instead of passing unseen.
 */
public final class EventBridgeStandIn implements AutoCloseable {

    public static final String JSON_1_1 = "application/x-amz-json-1.1";
    public static final String TARGET = "AWSEvents.PutEvents";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> accepted = new ArrayList<>();
    private final List<Integer> callSizes = new ArrayList<>();
    private int refuseFromEntry = -1;
    private int refuseInNextCall = -1;
    private int failingCalls;
    private int failingStatus;
    private String failingType;

    public EventBridgeStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The real SDK client, with the service's budgets, aimed at the stand-in and recorded for the role test. */
    public EventBridgeClient client() {
        return EventBridgeSink.client(endpoint(), List.of(AwsCallRecorder.INSTANCE));
    }

    /** Refuses, from now on, every entry from the {@code k}-th (0-based) one it will have accepted overall. */
    public synchronized void refuseEntriesFrom(int k) {
        refuseFromEntry = k;
    }

    /**
     * Refuses only the {@code index}-th entry (0-based) of the next call and accepts the ones around it, as
     * EventBridge may refuse single entries of a call.
     */
    public synchronized void refuseEntryOfNextCall(int index) {
        refuseInNextCall = index;
    }

    /** Answers the next {@code calls} calls with a whole-call failure: {@code status} and the error {@code type}. */
    public synchronized void failCalls(int calls, int status, String type) {
        failingCalls = calls;
        failingStatus = status;
        failingType = type;
    }

    /** Accepts everything again. */
    public synchronized void heal() {
        refuseFromEntry = -1;
        refuseInNextCall = -1;
        failingCalls = 0;
    }

    /** Every entry accepted so far, in order: {@code Source}, {@code DetailType}, {@code Detail}, ... */
    public synchronized List<JsonNode> accepted() {
        return List.copyOf(accepted);
    }

    /** The entries of each call it answered, in order (a refused or failed call too). */
    public synchronized List<Integer> callSizes() {
        return List.copyOf(callSizes);
    }

    /** Each accepted entry's {@code Detail}, parsed: the CloudEvents. */
    public synchronized List<JsonNode> details() {
        return accepted.stream().map(entry -> {
            try {
                return JSON.readTree(entry.get("Detail").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    public synchronized void reset() {
        accepted.clear();
        callSizes.clear();
        heal();
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())
                    || !TARGET.equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))
                    || !JSON_1_1.equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                reply(exchange, 400, error("UnknownOperationException", "not a PutEvents call in JSON 1.1"));
                return;
            }
            JsonNode request = JSON.readTree(body);
            JsonNode entries = request.get("Entries");
            callSizes.add(entries == null ? 0 : entries.size());
            if (failingCalls > 0) {
                failingCalls--;
                reply(exchange, failingStatus, error(failingType, "the stand-in fails this call"));
                return;
            }
            ObjectNode response = JSON.createObjectNode();
            ArrayNode results = response.putArray("Entries");
            int failed = 0;
            int refusedHere = refuseInNextCall;
            refuseInNextCall = -1;
            int position = 0;
            for (JsonNode entry : entries) {
                ObjectNode result = results.addObject();
                if (refuseFromEntry >= 0 && accepted.size() >= refuseFromEntry || position++ == refusedHere) {
                    result.put("ErrorCode", "InternalFailure");
                    result.put("ErrorMessage", "the stand-in refuses this entry");
                    failed++;
                } else {
                    accepted.add(entry);
                    result.put("EventId", UUID.randomUUID().toString());
                }
            }
            response.put("FailedEntryCount", failed);
            reply(exchange, 200, JSON.writeValueAsBytes(response));
        }
    }

    private static byte[] error(String type, String message) {
        return ("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", JSON_1_1);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
