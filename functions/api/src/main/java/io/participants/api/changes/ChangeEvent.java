package io.participants.api.changes;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One accepted write as a CloudEvents 1.0 event: what changed ({@code type}, {@code subject}), when ({@code time}),
 * in which tenant and at which version of the resource, with the resource's public fields as {@code data}.
 * docs/change-events.md is its catalogue.
 *
 * @param id      stable across redelivery: a name-based UUID of the type, the item's key, its createdAt and version
 * @param type    {@code participants.<resource>.<change>}, for example {@code participants.participant.updated}
 * @param time    when the write happened, epoch milliseconds
 * @param subject the resource's path, for example {@code tenants/acme/participants/{id}}
 * @param tenant  the tenant (a workspace id for conversations)
 * @param version the resource's version after the write (for a delete, the version it would have had next)
 * @param data    the resource's public fields as the API names them, plus the change's own facts
 */
public record ChangeEvent(String id, String type, long time, String subject, String tenant, long version,
                          Map<String, Object> data) {

    /** The CloudEvents {@code source}, and the EventBridge entry's {@code Source}. */
    public static final String SOURCE = "participants-api";
    public static final String SPEC_VERSION = "1.0";
    public static final String TYPE_PREFIX = "participants.";
    /** CloudEvents extension attributes: lower-case letters and digits only. */
    public static final String TENANT_ATTRIBUTE = "tenant";
    public static final String VERSION_ATTRIBUTE = "resourceversion";

    private static final JsonFactory JSON = new JsonFactory();

    public ChangeEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tenant, "tenant");
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** The id of the event of {@code type} for the item {@code pk}/{@code sk} created at {@code createdAt}, at {@code version}. */
    public static String idOf(String type, String pk, String sk, long createdAt, long version) {
        String name = type + "\n" + pk + "\n" + sk + "\n" + createdAt + "\n" + version;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** {@code time} as RFC 3339, as CloudEvents writes it. */
    public String timeText() {
        return Instant.ofEpochMilli(time).toString();
    }

    /** The event in CloudEvents' structured JSON format: the EventBridge entry's {@code Detail}. */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("specversion", SPEC_VERSION);
            json.writeStringField("id", id);
            json.writeStringField("source", SOURCE);
            json.writeStringField("type", type);
            json.writeStringField("time", timeText());
            json.writeStringField("subject", subject);
            json.writeStringField("datacontenttype", "application/json");
            json.writeStringField(TENANT_ATTRIBUTE, tenant);
            json.writeNumberField(VERSION_ATTRIBUTE, version);
            json.writeFieldName("data");
            write(json, data);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(String.valueOf(entry.getKey()));
                write(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                write(json, element);
            }
            json.writeEndArray();
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getSimpleName());
        }
    }
}
