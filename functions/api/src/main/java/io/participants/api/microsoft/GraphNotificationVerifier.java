package io.participants.api.microsoft;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.participants.domain.activation.ConfigWebhook;
import io.participants.domain.activation.InboundEvent;
import io.participants.domain.activation.InboundRequest;
import io.participants.domain.activation.InboundVerifier;
import io.participants.domain.activation.WebhookKey;
import io.participants.domain.common.ForbiddenException;
import io.participants.domain.common.UnauthenticatedException;
import io.participants.domain.common.ValidationException;
import io.participants.domain.integration.Provider;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Microsoft Graph change notifications to a per-binding activation's URL
 * (learn.microsoft.com/graph/change-notifications-delivery-webhooks). A {@code validationToken} in the query is
 * Graph validating a new subscription's URL: the token, decoded, is echoed. Otherwise the body is
 * {@code {"value": [...]}}; every notification's {@code clientState} must hash to the activation's stored hash
 * (compared in constant time), else the whole request is refused (403) before anything is recorded. A
 * {@code created} chat message notification is a message keyed by {@code resourceData.id}; lifecycle
 * notifications ({@code lifecycleEvent}) and other changes are verified and ignored. No text: a notification carries
 * a message's content only when resource data is included, encrypted, which these subscriptions do not ask for.
 */
public final class GraphNotificationVerifier implements InboundVerifier {

    /** Graph's tokens are a few hundred characters; a longer one is no validation Graph sent. */
    static final int MAX_VALIDATION_TOKEN = 1024;
    /** Graph allows a {@code clientState} of at most 128 characters. */
    static final int MAX_CLIENT_STATE = 128;
    /** A chat message id is a number of milliseconds; other resources' ids are GUIDs. */
    static final int MAX_RESOURCE_ID = 128;
    /** Graph batches notifications; a request with more is no batch Graph sends to one subscription. */
    static final int MAX_NOTIFICATIONS = 100;

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Set<String> FIELDS = Set.of("clientState", "changeType", "lifecycleEvent", "resource");

    @Override
    public Set<Provider> providers() {
        return Set.of(Provider.MICROSOFT_TEAMS);
    }

    @Override
    public InboundEvent verify(InboundRequest request, ConfigWebhook webhook) {
        if (webhook.binding() == null || webhook.secretTokenHash() == null) {
            throw new UnauthenticatedException("The webhook key is unknown, rotated away or its signature does not"
                    + " check out");
        }
        String token = validationToken(request.url());
        if (token != null) {
            return new InboundEvent.Validation(token);
        }
        List<Notification> notifications = read(request.body());
        // every clientState first: a batch with one forged notification records nothing
        for (Notification n : notifications) {
            if (n.clientState() == null || n.clientState().length() > MAX_CLIENT_STATE
                    || !WebhookKey.matches(n.clientState(), webhook.secretTokenHash())) {
                throw new ForbiddenException("A notification's clientState is not this activation's");
            }
        }
        List<InboundEvent.Message> messages = new ArrayList<>();
        for (Notification n : notifications) {
            if (n.lifecycleEvent() == null && "created".equals(n.changeType()) && n.resourceId() != null
                    && n.resource() != null && n.resource().toLowerCase(Locale.ROOT).contains("messages")) {
                messages.add(new InboundEvent.Message(n.resourceId(), webhook.binding().address(), null));
            }
        }
        return new InboundEvent.Notifications(messages);
    }

    /**
     * The decoded {@code validationToken} of the URL's query, or null when it has none.
     *
     * @throws ValidationException when it is repeated, empty, too long or not valid percent-encoding
     */
    static String validationToken(String url) {
        int query = url == null ? -1 : url.indexOf('?');
        if (query < 0) {
            return null;
        }
        String found = null;
        for (String pair : url.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!"validationToken".equals(name)) {
                continue;
            }
            if (found != null) {
                throw ValidationException.of("validationToken", "is given more than once");
            }
            String raw = eq < 0 ? "" : pair.substring(eq + 1);
            if (raw.length() > 3 * MAX_VALIDATION_TOKEN) {
                throw ValidationException.of("validationToken", "is longer than " + MAX_VALIDATION_TOKEN
                        + " characters");
            }
            try {
                found = URLDecoder.decode(raw, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ValidationException.of("validationToken", "is not valid percent-encoding");
            }
            if (found.isEmpty() || found.codePointCount(0, found.length()) > MAX_VALIDATION_TOKEN) {
                throw ValidationException.of("validationToken", "must be 1 to " + MAX_VALIDATION_TOKEN
                        + " characters");
            }
            if (found.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw ValidationException.of("validationToken", "must not hold control characters");
            }
        }
        return found;
    }

    /** One notification's fields this service reads; everything else is skipped unread. */
    record Notification(String clientState, String changeType, String lifecycleEvent, String resource,
                        String resourceId) {
    }

    /** {@code {"value": [{...}, ...]}}, read in one streaming pass. */
    static List<Notification> read(byte[] body) {
        List<Notification> out = new ArrayList<>();
        boolean sawValue = false;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw unreadable();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (!"value".equals(name)) {
                    parser.skipChildren();
                    continue;
                }
                if (token != JsonToken.START_ARRAY || sawValue) {
                    throw unreadable();
                }
                sawValue = true;
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    if (out.size() >= MAX_NOTIFICATIONS) {
                        throw unreadable();
                    }
                    out.add(notification(parser));
                }
                if (parser.currentToken() != JsonToken.END_ARRAY) {
                    throw unreadable();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw unreadable();
            }
        } catch (IOException e) {
            throw unreadable();
        }
        if (!sawValue || out.isEmpty()) {
            throw unreadable();
        }
        return out;
    }

    private static Notification notification(JsonParser parser) throws IOException {
        java.util.Map<String, String> fields = new java.util.HashMap<>();
        String resourceId = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if ("resourceData".equals(name) && token == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String inner = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("id".equals(inner) && value == JsonToken.VALUE_STRING) {
                        String id = parser.getText();
                        resourceId = id.isEmpty() || id.length() > MAX_RESOURCE_ID ? null : id;
                    } else {
                        parser.skipChildren();
                    }
                }
            } else if (FIELDS.contains(name) && token == JsonToken.VALUE_STRING) {
                fields.put(name, parser.getText());
            } else {
                parser.skipChildren();
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw unreadable();
        }
        return new Notification(fields.get("clientState"), fields.get("changeType"), fields.get("lifecycleEvent"),
                fields.get("resource"), resourceId);
    }

    private static ValidationException unreadable() {
        return ValidationException.of("body", "is not a Microsoft Graph change notification");
    }
}
