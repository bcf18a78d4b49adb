package io.participants.api.autosync;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.participants.domain.common.TenantId;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.UUID;

/**
 * One queued automatic sync: whose avatar, and why ({@link #SCHEDULE}: the sweep found it due; {@link #CHANGE}: its
 * auto-sync setting or channels changed). The queue message's body is its JSON,
 * {@code {"tenant":"acme","participantId":"…","reason":"schedule"}}; the change rule builds the same from a change
 * event. Nothing else, and never a token or an address.
 */
public record SyncRequest(TenantId tenant, UUID participantId, String reason) {

    public static final String SCHEDULE = "schedule";
    public static final String CHANGE = "change";

    private static final JsonFactory JSON = new JsonFactory();

    public SyncRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(participantId, "participantId");
        reason = reason == null ? SCHEDULE : reason;
    }

    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("tenant", tenant.value());
            json.writeStringField("participantId", participantId.toString());
            json.writeStringField("reason", reason);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The request a message body holds.
     *
     * @throws IllegalArgumentException when it is no such JSON object (a poison message: it is never synced, and goes
     *                                  to the dead-letter queue after its receives)
     */
    public static SyncRequest parse(String body) {
        if (body == null || body.length() > 1024) {
            throw new IllegalArgumentException("not a sync request");
        }
        String tenant = null;
        String participantId = null;
        String reason = null;
        try (JsonParser json = JSON.createParser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a sync request");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (value != JsonToken.VALUE_STRING) {
                    json.skipChildren();
                    continue;
                }
                switch (field) {
                    case "tenant" -> tenant = json.getText();
                    case "participantId" -> participantId = json.getText();
                    case "reason" -> reason = json.getText();
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a sync request");
        }
        if (tenant == null || participantId == null) {
            throw new IllegalArgumentException("not a sync request: tenant or participantId missing");
        }
        try {
            return new SyncRequest(new TenantId(tenant), UUID.fromString(participantId), reason);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a sync request: tenant or participantId malformed");
        }
    }
}
