package io.participants.api.microsoft;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The part of the identity platform's token endpoint answer a connection keeps (a success or an {@code error}),
 * read with a streaming parser. Its {@link #toString()} shows no token.
 */
record TokenAnswer(String accessToken, String refreshToken, long expiresInSeconds, String scope, String error) {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION) // a parse error must not quote a token
            .build();
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");

    static TokenAnswer parse(String json) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the token endpoint did not answer with a JSON object");
            }
            String accessToken = null;
            String refreshToken = null;
            long expiresIn = 0;
            String scope = null;
            String error = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "access_token" -> accessToken = text(parser, value);
                    case "refresh_token" -> refreshToken = text(parser, value);
                    case "scope" -> scope = text(parser, value);
                    case "error" -> error = text(parser, value);
                    case "expires_in" -> expiresIn = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue()
                            : value == JsonToken.VALUE_STRING && parser.getText().matches("\\d{1,9}")
                            ? Long.parseLong(parser.getText()) : 0;
                    default -> parser.skipChildren();
                }
            }
            return new TokenAnswer(accessToken, refreshToken, expiresIn, scope, error);
        }
    }

    /** The error code, fit to quote in a message; anything odd reads as {@code unknown_error}. */
    String errorCode() {
        return error != null && ERROR_CODE.matcher(error).matches() ? error : "unknown_error";
    }

    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }

    @Override
    public String toString() {
        return "TokenAnswer[error=" + errorCode() + ", expiresIn=" + expiresInSeconds + ", accessToken=***]";
    }
}
