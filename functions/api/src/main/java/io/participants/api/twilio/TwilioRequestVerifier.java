package io.participants.api.twilio;

import io.participants.api.activations.Signatures;
import io.participants.domain.activation.ConfigWebhook;
import io.participants.domain.activation.InboundEvent;
import io.participants.domain.activation.InboundRequest;
import io.participants.domain.activation.InboundVerifier;
import io.participants.domain.common.UnauthenticatedException;
import io.participants.domain.connection.ProviderToken;
import io.participants.domain.connection.ProviderTokenStore;
import io.participants.domain.integration.Provider;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Twilio's request validation (twilio.com/docs/usage/security#validating-requests): {@code X-Twilio-Signature} is the
 * base64 HMAC-SHA1, with the account's auth token, of the full URL Twilio posted to followed by each POST parameter's
 * name and value, sorted by name. The auth token is the config's stored token (given with {@code :connect}). A
 * message is keyed by its {@code MessageSid}; its channel is {@code From}, without WhatsApp's {@code whatsapp:}; its
 * text is {@code Body}.
 */
public final class TwilioRequestVerifier implements InboundVerifier {

    private final Supplier<ProviderTokenStore> tokens;

    /** @param tokens the token store, asked for only when a request is checked */
    public TwilioRequestVerifier(Supplier<ProviderTokenStore> tokens) {
        this.tokens = tokens;
    }

    @Override
    public Set<Provider> providers() {
        return Set.of(Provider.SMS, Provider.WHATSAPP);
    }

    @Override
    public InboundEvent verify(InboundRequest request, ConfigWebhook webhook) {
        String signature = request.header("X-Twilio-Signature");
        String authToken = tokens.get().find(webhook.tenant(), webhook.integrationConfigId()).map(ProviderToken::accessToken)
                .orElse(null);
        if (signature == null || authToken == null) {
            throw new UnauthenticatedException("The request carries no Twilio signature, or the config no auth token");
        }
        List<Map.Entry<String, String>> params = form(request.body());
        if (!Signatures.equal(sign(authToken, request.url(), params), signature)) {
            throw new UnauthenticatedException("The Twilio signature does not check out");
        }
        String sid = value(params, "MessageSid");
        String from = value(params, "From");
        if (sid == null || sid.length() > 64 || from == null) {
            return new InboundEvent.Ignored("not a message");
        }
        return new InboundEvent.Message(sid, from.startsWith("whatsapp:") ? from.substring(9) : from,
                value(params, "Body"));
    }

    /** The signature Twilio sends for {@code params} posted to {@code url}: for tests and local mode. */
    public static String sign(String authToken, String url, List<Map.Entry<String, String>> params) {
        StringBuilder data = new StringBuilder(url);
        params.stream().sorted(Comparator.comparing(Map.Entry::getKey))
                .forEach(p -> data.append(p.getKey()).append(p.getValue()));
        return Base64.getEncoder().encodeToString(Signatures.hmacSha1(authToken,
                data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** An {@code application/x-www-form-urlencoded} body's parameters, in order. */
    public static List<Map.Entry<String, String>> form(byte[] body) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return params;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            try {
                params.add(new AbstractMap.SimpleImmutableEntry<>(
                        URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw new UnauthenticatedException("The Twilio form body cannot be read");
            }
        }
        return params;
    }

    private static String value(List<Map.Entry<String, String>> params, String name) {
        return params.stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
