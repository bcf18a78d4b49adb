package io.participants.domain.activation;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request a provider posted to a webhook, as received: the URL it was sent to (as the provider saw it, which
 * Twilio signs), its headers (names lower-cased) and its raw body, which signatures cover byte for byte.
 */
public record InboundRequest(String url, Map<String, String> headers, byte[] body, long receivedAt) {

    public InboundRequest {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        headers = java.util.Collections.unmodifiableMap(lower);
        body = body == null ? new byte[0] : body.clone();
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Never the body: it holds a message's text. */
    @Override
    public String toString() {
        return "InboundRequest[url=<hidden>, headers=" + headers.keySet() + ", bodyBytes=" + body.length + "]";
    }
}
