package io.participants.api.secrets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes the flat JSON objects kept as secret strings, with jackson-core's streaming API only. */
final class SecretJson {

    // a parse error's location would otherwise quote the secret string itself
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private SecretJson() {
    }

    /** A writer of one JSON object's fields. */
    interface Fields {
        void write(JsonGenerator generator) throws IOException;
    }

    static String write(Fields fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.writeStartObject();
            fields.write(generator);
            generator.writeEndObject();
        } catch (IOException e) {
            // a StringWriter does not fail; keep the message generic all the same
            throw new UncheckedIOException(new IOException("could not write secret JSON"));
        }
        return out.toString();
    }

    /**
     * The string and string-array fields of a JSON object; fields of other types are skipped.
     *
     * @throws MalformedSecretException when the text is not such an object; its message never quotes the text
     */
    static Map<String, Object> read(String json) {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedSecretException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    fields.put(name, parser.getText());
                } else if (value == JsonToken.START_ARRAY) {
                    fields.put(name, readStrings(parser, name));
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new MalformedSecretException("not a single JSON object");
            }
        } catch (JsonProcessingException e) {
            // the parser's own message can quote the offending text, which is the secret: keep only where it failed
            throw new MalformedSecretException(e.getLocation() == null ? "invalid JSON"
                    : "invalid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new MalformedSecretException("unreadable JSON");
        }
        return fields;
    }

    private static List<String> readStrings(JsonParser parser, String name) throws IOException {
        List<String> values = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.VALUE_STRING) {
                throw new MalformedSecretException("field " + name + " is not an array of strings");
            }
            values.add(parser.getText());
        }
        return values;
    }

    /** Why a secret string could not be read, in words that never quote it. */
    static final class MalformedSecretException extends RuntimeException {
        MalformedSecretException(String message) {
            super(message, null, false, false);
        }
    }
}
