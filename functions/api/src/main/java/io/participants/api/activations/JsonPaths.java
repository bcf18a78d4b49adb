package io.participants.api.activations;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.participants.domain.common.ValidationException;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the scalar values at a few dotted paths ({@code event.user}) of a provider's JSON body in one streaming
 * pass, everything else skipped: an inbound body is read for its ids (and a message's text, which only a config
 * that turns it on keeps), never kept or logged whole.
 */
public final class JsonPaths {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int MAX_DEPTH = 32;

    private JsonPaths() {
    }

    /**
     * @return the text of each wanted path present as a string, number or boolean
     * @throws ValidationException when the body is not one JSON object
     */
    public static Map<String, String> read(byte[] body, Set<String> wanted) {
        Map<String, String> found = new HashMap<>();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw unreadable();
            }
            Deque<String> path = new ArrayDeque<>();
            String field = null;
            int depth = 1;
            JsonToken token;
            while ((token = parser.nextToken()) != null && depth > 0) {
                switch (token) {
                    case FIELD_NAME -> field = parser.currentName();
                    case START_OBJECT -> {
                        if (++depth > MAX_DEPTH) {
                            throw unreadable();
                        }
                        path.addLast(field == null ? "[]" : field);
                        field = null;
                    }
                    case START_ARRAY -> {
                        // values in arrays are never wanted: skip the whole array
                        parser.skipChildren();
                        field = null;
                    }
                    case END_OBJECT -> {
                        depth--;
                        if (!path.isEmpty()) {
                            path.removeLast();
                        }
                    }
                    default -> {
                        if (field != null && token.isScalarValue() && token != JsonToken.VALUE_NULL) {
                            String at = path.isEmpty() ? field : String.join(".", path) + "." + field;
                            if (wanted.contains(at)) {
                                found.put(at, parser.getText());
                            }
                        }
                        field = null;
                    }
                }
            }
        } catch (IOException e) {
            throw unreadable();
        }
        return found;
    }

    private static ValidationException unreadable() {
        return ValidationException.of("body", "is not a JSON object this provider sends");
    }
}
