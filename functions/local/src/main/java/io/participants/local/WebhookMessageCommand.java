package io.participants.local;

import io.participants.api.slack.SlackEventsVerifier;
import io.participants.api.twilio.TwilioRequestVerifier;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code ./local webhook-message}: posts a sample inbound message to an activation's webhook URL, shaped and signed
 * as its provider would send it (a Slack {@code message} event signed with the app's signing secret, a Telegram
 * update with the {@code setWebhook} secret token, a Twilio SMS form signed with the auth token), and prints the
 * answer. For trying activations on local mode (docs/activations.md); it sends nothing anywhere else.
 */
final class WebhookMessageCommand {

    static final String USAGE = """
            Usage: ./local webhook-message --url URL --provider slack|telegram|sms|whatsapp --from ADDRESS
                                           [--id MESSAGE_ID] [--text TEXT]
                                           [--signing-secret S | --secret-token T | --auth-token T]
              --url URL               the webhook URL :generateWebhookUrl answered (with its key)
              --from ADDRESS          the sender: a Slack user id, a Telegram chat id, an E.164 number
              --id MESSAGE_ID         the provider's message id (default: a new one; repeat one to see a redelivery)
              --signing-secret S      Slack: the app's signing secret (./local slack-app --signing-secret)
              --secret-token T        Telegram: the secretToken :generateWebhookUrl answered
              --auth-token T          Twilio (sms, whatsapp): the auth token stored as the config's token
            """;

    /** One request as the provider would send it. */
    record Sample(URI url, Map<String, String> headers, String body) {
    }

    private WebhookMessageCommand() {
    }

    /** Reads the options and builds the provider's signed request, at {@code clock}'s time. */
    static Sample sample(String[] args, Clock clock) {
        Map<String, String> options = new LinkedHashMap<>();
        Deque<String> rest = new ArrayDeque<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String option = rest.removeFirst();
            if (!List.of("--url", "--provider", "--from", "--id", "--text", "--signing-secret", "--secret-token",
                    "--auth-token").contains(option) || rest.isEmpty()) {
                throw new IllegalArgumentException("Unknown option or missing value: " + option);
            }
            options.put(option, rest.removeFirst());
        }
        for (String required : List.of("--url", "--provider", "--from")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("webhook-message needs " + required);
            }
        }
        URI url = URI.create(options.get("--url"));
        String from = options.get("--from");
        String text = options.getOrDefault("--text", "Hello from a local sample");
        String provider = options.get("--provider").toLowerCase(Locale.ROOT);
        Map<String, String> headers = new LinkedHashMap<>();
        return switch (provider) {
            case "slack" -> {
                String id = options.getOrDefault("--id", "Ev" + random());
                String body = "{\"type\":\"event_callback\",\"event_id\":" + quote(id) + ",\"event_time\":"
                        + clock.millis() / 1000 + ",\"event\":{\"type\":\"message\",\"user\":" + quote(from)
                        + ",\"text\":" + quote(text) + ",\"channel_type\":\"im\"}}";
                String timestamp = Long.toString(clock.millis() / 1000);
                headers.put("Content-Type", "application/json");
                headers.put("X-Slack-Request-Timestamp", timestamp);
                headers.put("X-Slack-Signature", SlackEventsVerifier.sign(need(options, "--signing-secret"),
                        timestamp, body.getBytes(StandardCharsets.UTF_8)));
                yield new Sample(url, headers, body);
            }
            case "telegram" -> {
                String id = options.getOrDefault("--id", Long.toString(clock.millis() % 1_000_000_000L));
                String body = "{\"update_id\":" + Long.parseLong(id) + ",\"message\":{\"message_id\":1,\"chat\":{\"id\":"
                        + Long.parseLong(from) + ",\"type\":\"private\"},\"date\":" + clock.millis() / 1000
                        + ",\"text\":" + quote(text) + "}}";
                headers.put("Content-Type", "application/json");
                headers.put("X-Telegram-Bot-Api-Secret-Token", need(options, "--secret-token"));
                yield new Sample(url, headers, body);
            }
            case "sms", "whatsapp" -> {
                String id = options.getOrDefault("--id", "SM" + random());
                String sender = provider.equals("whatsapp") ? "whatsapp:" + from : from;
                List<Map.Entry<String, String>> params = List.of(entry("MessageSid", id), entry("From", sender),
                        entry("To", provider.equals("whatsapp") ? "whatsapp:+10000000000" : "+10000000000"),
                        entry("Body", text));
                StringBuilder form = new StringBuilder();
                params.forEach(p -> form.append(form.length() == 0 ? "" : "&")
                        .append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8)));
                headers.put("Content-Type", "application/x-www-form-urlencoded");
                headers.put("X-Twilio-Signature", TwilioRequestVerifier.sign(need(options, "--auth-token"),
                        url.toString(), params));
                yield new Sample(url, headers, form.toString());
            }
            default -> throw new IllegalArgumentException("--provider must be slack, telegram, sms or whatsapp");
        };
    }

    /** Posts the sample and returns "status body". */
    static String run(String[] args) {
        Sample sample = sample(args, Clock.systemUTC());
        HttpRequest.Builder request = HttpRequest.newBuilder(sample.url())
                .POST(HttpRequest.BodyPublishers.ofString(sample.body()));
        sample.headers().forEach(request::header);
        try {
            HttpClient.Builder client = HttpClient.newBuilder();
            if (List.of("127.0.0.1", "localhost", "[::1]").contains(sample.url().getHost())) {
                // local mode is on loopback: never through a proxy the JVM may be set to
                client.proxy(HttpClient.Builder.NO_PROXY);
            }
            HttpResponse<String> response = client.build().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            throw new IllegalStateException("Could not post to " + sample.url().getHost() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static String need(Map<String, String> options, String option) {
        String value = options.get(option);
        if (value == null) {
            throw new IllegalArgumentException("This provider's sample needs " + option);
        }
        return value;
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
    }

    private static Map.Entry<String, String> entry(String name, String value) {
        return new AbstractMap.SimpleImmutableEntry<>(name, value);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
