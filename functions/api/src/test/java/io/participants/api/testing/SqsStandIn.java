package io.participants.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.participants.api.autosync.SqsSyncQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stand-in for the two SQS calls auto-sync makes, on 127.0.0.1, speaking SQS's JSON protocol as the real SDK client
 * sends it ({@code POST /}, {@code X-Amz-Target: AmazonSQS.SendMessageBatch} or
 * {@code AmazonSQS.ChangeMessageVisibility}, {@code application/x-amz-json-1.0}). It keeps what was sent (body and
 * delay) and each visibility change (receipt handle and timeout); anything else it answers 400, so a protocol change
 * of the SDK fails the tests instead of passing unseen. There is no SQS emulator on the offline mirror.
 */
public final class SqsStandIn implements AutoCloseable {

    public static final String QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/avatar-syncs";
    private static final String JSON_1_0 = "application/x-amz-json-1.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One message sent: its id, body and delay. */
    public record Sent(String messageId, String body, int delaySeconds) {
    }

    private final HttpServer server;
    private final List<Sent> sent = new ArrayList<>();
    private final List<Map.Entry<String, Integer>> visibilityChanges = new ArrayList<>();

    public SqsStandIn() {
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
    public SqsClient client() {
        return SqsSyncQueue.client(endpoint(), List.of(AwsCallRecorder.INSTANCE));
    }

    public SqsSyncQueue queue() {
        return new SqsSyncQueue(client(), QUEUE_URL);
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Each ChangeMessageVisibility: receipt handle and timeout in seconds, in order. */
    public synchronized List<Map.Entry<String, Integer>> visibilityChanges() {
        return List.copyOf(visibilityChanges);
    }

    public synchronized void reset() {
        sent.clear();
        visibilityChanges.clear();
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!"POST".equals(exchange.getRequestMethod()) || type == null || !type.startsWith(JSON_1_0)) {
                reply(exchange, 400, error("UnsupportedOperation", "not an SQS call in JSON 1.0"));
                return;
            }
            JsonNode request = JSON.readTree(body);
            if (!QUEUE_URL.equals(request.path("QueueUrl").asText())) {
                reply(exchange, 400, error("AWS.SimpleQueueService.NonExistentQueue", "no such queue"));
                return;
            }
            if ("AmazonSQS.SendMessageBatch".equals(target)) {
                ObjectNode response = JSON.createObjectNode();
                ArrayNode successful = response.putArray("Successful");
                response.putArray("Failed");
                for (JsonNode entry : request.get("Entries")) {
                    String messageId = UUID.randomUUID().toString();
                    String text = entry.get("MessageBody").asText();
                    sent.add(new Sent(messageId, text, entry.path("DelaySeconds").asInt(0)));
                    successful.addObject().put("Id", entry.get("Id").asText()).put("MessageId", messageId)
                            .put("MD5OfMessageBody", md5(text));
                }
                reply(exchange, 200, JSON.writeValueAsBytes(response));
            } else if ("AmazonSQS.ChangeMessageVisibility".equals(target)) {
                visibilityChanges.add(Map.entry(request.get("ReceiptHandle").asText(),
                        request.get("VisibilityTimeout").asInt()));
                reply(exchange, 200, "{}".getBytes(StandardCharsets.UTF_8));
            } else {
                reply(exchange, 400, error("UnsupportedOperation", "the stand-in answers two operations only"));
            }
        }
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] error(String type, String message) {
        return ("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", JSON_1_0);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
