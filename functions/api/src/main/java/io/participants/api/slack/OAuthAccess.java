package io.participants.api.slack;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** The part of an {@code oauth.v2.access} answer a bot connection keeps, read with a streaming parser. */
record OAuthAccess(boolean ok, String error, String accessToken, String tokenType, List<String> scopes,
                   String botUserId, String teamId) {

    private static final JsonFactory JSON = new JsonFactory();

    static OAuthAccess parse(String json) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("oauth.v2.access did not answer with a JSON object");
            }
            boolean ok = false;
            String error = null;
            String accessToken = null;
            String tokenType = null;
            String scope = null;
            String botUserId = null;
            String teamId = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "ok" -> ok = value == JsonToken.VALUE_TRUE;
                    case "error" -> error = text(parser, value);
                    case "access_token" -> accessToken = text(parser, value);
                    case "token_type" -> tokenType = text(parser, value);
                    case "scope" -> scope = text(parser, value);
                    case "bot_user_id" -> botUserId = text(parser, value);
                    case "team" -> teamId = teamId(parser, value);
                    default -> parser.skipChildren();
                }
            }
            List<String> scopes = scope == null || scope.isBlank() ? List.of()
                    : Arrays.stream(scope.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            return new OAuthAccess(ok, error, accessToken, tokenType, scopes, botUserId, teamId);
        }
    }

    private static String teamId(JsonParser parser, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        String id = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("id")) {
                id = text(parser, value);
            } else {
                parser.skipChildren();
            }
        }
        return id;
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
        return "OAuthAccess[ok=" + ok + ", error=" + error + ", teamId=" + teamId + ", accessToken=***]";
    }
}
