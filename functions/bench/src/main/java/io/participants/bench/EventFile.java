package io.participants.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.participants.api.FunctionCatalog;
import io.participants.api.events.EventWorld;
import io.participants.api.slack.SlackEventsVerifier;
import io.participants.api.twilio.TwilioRequestVerifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One API Gateway event under {@code events/}, named {@code <function>.<status>[.<case>].json}: the function it is
 * sent to and the status it must answer.
 */
public record EventFile(Path path, FunctionCatalog.Function function, int status, String caseName) {

    private static final Pattern NAME =
            Pattern.compile("([a-z]+(?:-[a-z]+)*)\\.([1-5]\\d\\d)(?:\\.([a-z0-9]+(?:-[a-z0-9]+)*))?\\.json");

    /**
     * An event with no provider signature before one with (a Slack signature holds five minutes, a Twilio one covers
     * the deployment's own URL: such a file answers as named only signed again, see {@link #freshJson(String)}), then
     * the plain file before named cases, then a create (201) before other successes, then by name.
     */
    static final Comparator<EventFile> PREFERENCE = Comparator
            .comparing((EventFile f) -> f.slackSigned() || f.twilioSigned())
            .thenComparing((EventFile f) -> f.caseName() != null)
            .thenComparing(Comparator.comparingInt(EventFile::status).reversed())
            .thenComparing(EventFile::fileName);

    /** Reads a file name; an unknown function or a name of another shape is an error. */
    public static EventFile of(Path path) {
        String name = path.getFileName().toString();
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(path + " is not named <function>.<status>[.<case>].json");
        }
        FunctionCatalog.Function function = FunctionCatalog.named(matcher.group(1)).orElseThrow(() ->
                new IllegalArgumentException(path + " names no function of FunctionCatalog"));
        return new EventFile(path, function, Integer.parseInt(matcher.group(2)), matcher.group(3));
    }

    /** The folder of the change-events publisher's DynamoDB Streams events. */
    public static final String CHANGE_EVENTS = "change-events";

    /**
     * Every API Gateway event file under {@code root} (README.md aside, and the stream events of
     * {@code change-events/}, which no route serves), sorted by path.
     */
    public static List<EventFile> under(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !root.relativize(p).startsWith(CHANGE_EVENTS))
                    .sorted()
                    .map(EventFile::of)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The event a deployable's cold start and warm template use: among the success events of the functions it serves,
     * taken in catalog order, the first function's preferred one (see {@link #PREFERENCE}).
     */
    public static EventFile representative(List<EventFile> events, String deployable) {
        return representative(events, deployable, null);
    }

    /**
     * As {@link #representative(List, String)}, but a success event of {@code eventCase} (such as
     * {@code idempotency-key}) where the deployable's functions have one.
     */
    public static EventFile representative(List<EventFile> events, String deployable, String eventCase) {
        for (FunctionCatalog.Function function : FunctionCatalog.servedBy(deployable)) {
            var ofCase = events.stream().filter(e -> e.function().equals(function) && e.succeeds()
                    && eventCase != null && eventCase.equals(e.caseName())).min(PREFERENCE);
            if (ofCase.isPresent()) {
                return ofCase.get();
            }
        }
        for (FunctionCatalog.Function function : FunctionCatalog.servedBy(deployable)) {
            var chosen = events.stream().filter(e -> e.function().equals(function) && e.succeeds())
                    .min(PREFERENCE);
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        throw new IllegalStateException("no success event under events/ for any function of " + deployable);
    }

    public boolean succeeds() {
        return status >= 200 && status < 300;
    }

    public String deployable() {
        return function.deployable();
    }

    public String fileName() {
        return path.getFileName().toString();
    }

    public String json() {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the event carries a Slack request signature, which Slack's five-minute window makes stale. */
    public boolean slackSigned() {
        return json().contains("\"x-slack-request-timestamp\"");
    }

    /** Whether the event carries a Twilio signature, which covers the full URL the function believes it was sent to. */
    public boolean twilioSigned() {
        return json().contains("\"x-twilio-signature\"");
    }

    /**
     * The event as a provider would send it now to a function whose inbound webhooks live under {@code webhooksBase}
     * (its {@code PARTICIPANTS_WEBHOOKS_BASE_URL}): a Slack-signed success event stamped with the current time and
     * signed again with {@link EventWorld#SLACK_SIGNING_SECRET}, since its recorded timestamp has long left Slack's
     * five-minute replay window; a Twilio-signed success event signed again with {@link EventWorld#TWILIO_AUTH_TOKEN}
     * for its URL under {@code webhooksBase} (the files are signed for the tests' {@code https://participants.test});
     * any other event, the refused ones included, as written.
     */
    public String freshJson(String webhooksBase) {
        String json = json();
        if (status >= 300 || !(slackSigned() || twilioSigned())) {
            return json;
        }
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(json);
            ObjectNode headers = (ObjectNode) event.get("headers");
            byte[] body = event.path("body").asText().getBytes(StandardCharsets.UTF_8);
            if (slackSigned()) {
                String timestamp = Long.toString(System.currentTimeMillis() / 1000);
                headers.put("x-slack-request-timestamp", timestamp);
                headers.put("x-slack-signature", SlackEventsVerifier.sign(EventWorld.SLACK_SIGNING_SECRET, timestamp,
                        body));
            } else {
                String query = event.path("rawQueryString").asText();
                String url = webhooksBase + event.path("pathParameters").path("tenantId").asText()
                        + (query.isEmpty() ? "" : "?" + query);
                headers.put("x-twilio-signature", TwilioRequestVerifier.sign(EventWorld.TWILIO_AUTH_TOKEN, url,
                        TwilioRequestVerifier.form(body)));
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
}
