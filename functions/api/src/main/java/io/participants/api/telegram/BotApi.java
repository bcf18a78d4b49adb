package io.participants.api.telegram;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.participants.api.providers.ProviderCalls;
import io.participants.api.providers.RetryPause;
import io.participants.domain.avatar.ProviderFailure;
import io.participants.domain.avatar.ProviderFailure.Reason;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Calls of Telegram's Bot API: {@code <base>/bot<token>/<method>}, answered with
 * {@code {"ok": true, "result": …}} or {@code {"ok": false, "error_code": N, "description": "…",
 * "parameters": {"retry_after": S}}}. The token is part of every URL, so no URL ever goes into a message: the
 * shared {@link ProviderCalls} attaches no HTTP library text, and failures here name the method only.
 */
final class BotApi {

    /** A bot token as BotFather issues it: the bot's numeric id, a colon, a secret of URL-safe characters. */
    static final Pattern TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{20,100}");

    private static final JsonFactory JSON = new JsonFactory();

    private final TelegramApiConfig config;
    private final ProviderCalls calls;

    BotApi(TelegramApiConfig config, RetryPause pause) {
        this.config = config;
        this.calls = new ProviderCalls("Telegram", config.connectTimeout(), config.readTimeout(),
                config.maxRetryWait(), pause, BotApi::retryAfter);
    }

    static boolean isToken(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    /**
     * Calls {@code method} and answers its {@code result}.
     *
     * @throws ProviderFailure {@code TOKEN_REJECTED} for 401 (and 404, Telegram's answer to a malformed token),
     *                         {@code NO_IMAGE} for 400 (an unknown user), {@code UNAVAILABLE} for anything else
     */
    Object call(String token, String method, Map<String, String> query) {
        if (!isToken(token)) {
            // checked before any URL is built: a malformed token never reaches an HTTP library
            throw new ProviderFailure(Reason.TOKEN_REJECTED, "the stored Telegram bot token is missing or malformed");
        }
        String base = config.apiBase().toString();
        String params = query.isEmpty() ? "" : "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create((base.endsWith("/") ? base : base + "/")
                        + "bot" + token + "/" + method + params))
                .GET()
                .header("Accept", "application/json");
        HttpResponse<String> response = calls.call(request);
        Map<String, Object> body = object(response, method);
        if (response.statusCode() == 200 && Boolean.TRUE.equals(body.get("ok"))) {
            return body.get("result");
        }
        int code = body.get("error_code") instanceof Number n ? n.intValue() : response.statusCode();
        throw switch (code) {
            case 401, 404 -> new ProviderFailure(Reason.TOKEN_REJECTED,
                    "Telegram rejected the bot token (" + method + " answered " + code + ")");
            case 400 -> new ProviderFailure(Reason.NO_IMAGE,
                    "Telegram does not know the chat (" + method + " answered 400)");
            default -> new ProviderFailure(Reason.UNAVAILABLE, "Telegram " + method + " answered " + code);
        };
    }

    /** Where a file of the Bot API is downloaded from; the URL holds the token. */
    URI fileUrl(String token, String filePath) {
        return URI.create(config.fileBase() + token + "/" + filePath);
    }

    private static Map<String, Object> object(HttpResponse<String> response, String method) {
        try {
            if (read(response.body()) instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = (Map<String, Object>) map;
                return body;
            }
        } catch (IOException | RuntimeException e) {
            // reported below, without the body (it could quote the request)
        }
        throw new ProviderFailure(Reason.UNAVAILABLE, "Telegram " + method + " answered "
                + response.statusCode() + " without a Bot API object");
    }

    /** Telegram's wait of a 429: {@code parameters.retry_after}, else the standard header. */
    private static Optional<Duration> retryAfter(HttpResponse<String> response) {
        try {
            if (read(response.body()) instanceof Map<?, ?> body
                    && body.get("parameters") instanceof Map<?, ?> parameters
                    && parameters.get("retry_after") instanceof Number seconds && seconds.longValue() >= 0) {
                return Optional.of(Duration.ofSeconds(seconds.longValue()));
            }
        } catch (IOException e) {
            // an unreadable body: the header may still say
        }
        return ProviderCalls.RetryAfter.HEADER.of(response);
    }

    /** Reads JSON into maps, lists, strings, numbers, booleans and nulls: the Bot API's answers are small. */
    static Object read(String json) throws IOException {
        if (json == null || json.isBlank()) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(json)) {
            parser.nextToken();
            return value(parser);
        }
    }

    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return null;
        }
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    map.put(name, value(parser));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            default -> null;
        };
    }
}
