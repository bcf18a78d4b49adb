package io.participants.api.slack;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * The part of a {@code users.info} answer the avatar needs, read with a streaming parser so the rest of Slack's
 * large user object is skipped rather than mapped.
 */
record UsersInfo(boolean ok, String error, boolean customImage, String imageOriginal, String image1024,
                 String image512, String avatarHash) {

    private static final JsonFactory JSON = new JsonFactory();

    /** The largest image Slack offers, or null when it offers none. */
    String largestImage() {
        for (String candidate : new String[]{imageOriginal, image1024, image512}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }

    static UsersInfo parse(String json) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("users.info did not answer with a JSON object");
            }
            var result = new Builder();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "ok" -> result.ok = value == JsonToken.VALUE_TRUE;
                    case "error" -> result.error = parser.getValueAsString();
                    case "user" -> readObject(parser, value, "profile", () -> readProfile(parser, result));
                    default -> parser.skipChildren();
                }
            }
            return result.build();
        }
    }

    private static void readProfile(JsonParser parser, Builder result) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "is_custom_image" -> result.customImage = value == JsonToken.VALUE_TRUE;
                case "image_original" -> result.imageOriginal = parser.getValueAsString();
                case "image_1024" -> result.image1024 = parser.getValueAsString();
                case "image_512" -> result.image512 = parser.getValueAsString();
                case "avatar_hash" -> result.avatarHash = parser.getValueAsString();
                default -> parser.skipChildren();
            }
        }
    }

    /** Walks an object, handing the value of {@code field} to {@code reader} and skipping everything else. */
    private static void readObject(JsonParser parser, JsonToken start, String field, FieldReader reader)
            throws IOException {
        if (start != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals(field)) {
                reader.read();
            } else {
                parser.skipChildren();
            }
        }
    }

    @FunctionalInterface
    private interface FieldReader {
        void read() throws IOException;
    }

    private static final class Builder {
        boolean ok;
        String error;
        boolean customImage;
        String imageOriginal;
        String image1024;
        String image512;
        String avatarHash;

        UsersInfo build() {
            return new UsersInfo(ok, error, customImage, imageOriginal, image1024, image512, avatarHash);
        }
    }
}
