package io.participants.api.fuzz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Request bodies that are not one JSON object: broken syntax, deep nesting, other JSON values, and base64 bodies
 * that do not decode. Whether a generated body is malformed is decided by a real JSON parser, not assumed.
 */
final class JsonGarbage {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** Ways of breaking a JSON document. */
    private static final int CORRUPTIONS = 16;

    private JsonGarbage() {
    }

    /** Whether the bytes are exactly one well-formed JSON value, as the API's body filter reads them. */
    static boolean isOneJsonValue(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static boolean isOneJsonValue(String body) {
        return isOneJsonValue(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the body is one well-formed JSON object. */
    static boolean isJsonObject(String body) {
        return isOneJsonValue(body) && body.strip().replace("\uFEFF", "").startsWith("{");
    }

    /** {@code valid} broken in one of many ways, and checked to be malformed. */
    static Arbitrary<String> malformed(String valid) {
        return Combinators.combine(Arbitraries.integers().between(0, CORRUPTIONS - 1),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE), Hostile.anyText(6))
                .as((how, position, junk) -> corrupt(valid, how, position, junk))
                .filter(body -> !isOneJsonValue(body));
    }

    private static String corrupt(String valid, int how, int position, String junk) {
        int at = valid.isEmpty() ? 0 : position % valid.length();
        return switch (how) {
            case 0 -> valid.substring(0, at); // truncated
            case 1 -> valid + junk + "x"; // trailing garbage
            case 2 -> valid + valid; // two values
            case 3 -> valid.replace('"', '\''); // single quotes
            case 4 -> valid.replaceFirst("\"([A-Za-z]+)\":", "$1:"); // unquoted key
            case 5 -> valid.replaceFirst("}$", ",}"); // trailing comma
            case 6 -> valid.substring(0, at) + "\u0001" + valid.substring(at); // raw control character
            case 7 -> valid.replaceFirst("\"[^\"]*\"(?=[,}])", "NaN"); // non-JSON number
            case 8 -> valid.replaceFirst("\"[^\"]*\"(?=[,}])", "\"\\x41\\uZZ\""); // bad escapes
            case 9 -> "/* comment */" + valid; // comments are not JSON
            case 10 -> valid.substring(0, at) + "{[" + valid.substring(at); // unbalanced
            case 11 -> valid.replaceFirst(":", "::"); // doubled separator
            case 12 -> valid.replaceFirst("\"[^\"]*\"(?=[,}])", "tru"); // broken literal
            case 13 -> valid.replaceFirst("\"[^\"]*\"(?=[,}])", "\"unterminated"); // open string
            case 14 -> "{" + junk + "\u0000}"; // NUL
            default -> junk.isEmpty() ? "{" : junk + "}{"; // noise
        };
    }

    /** Whitespace-only and empty bodies. */
    static Arbitrary<String> empty() {
        return Arbitraries.of("", " ", "\n", "\r\n", "\t", "   \n  ");
    }

    /** Valid JSON that is not an object: arrays, strings, numbers, literals. */
    static Arbitrary<String> notAnObject() {
        return Arbitraries.oneOf(
                Arbitraries.of("[]", "[{}]", "[1,2]", "\"x\"", "42", "-0", "1e400", "true", "false", "null", "\"{}\"",
                        "[{\"displayName\":\"x\"}]", "\"\\u0000\""),
                Hostile.identifier().map(JsonGarbage::quote).filter(JsonGarbage::isOneJsonValue));
    }

    /** JSON nested {@code depth} levels, in one of several shapes, inside a field or as the whole body. */
    static String nested(int depth, int shape, String field) {
        String open;
        String close;
        switch (shape % 4) {
            case 0 -> {
                open = "[";
                close = "]";
            }
            case 1 -> {
                open = "{\"a\":";
                close = "}";
            }
            case 2 -> {
                open = "[{\"b\":";
                close = "}]";
            }
            default -> {
                open = "[[";
                close = "]]";
            }
        }
        String deep = open.repeat(depth) + "1" + close.repeat(depth);
        return shape / 4 % 2 == 0 ? deep : "{" + quote(field) + ":" + deep + "}";
    }

    /** Deeply nested JSON, from just past the parser's limit to 10,000 levels, broken or not. */
    static Arbitrary<String> deeplyNested(String field) {
        return Combinators.combine(Arbitraries.integers().between(1_001, 10_000),
                        Arbitraries.integers().between(0, 7), Arbitraries.of(true, false))
                .as((depth, shape, broken) -> {
                    // within the body limit, so that the parser, not the size check, refuses it
                    int perLevel = switch (shape % 4) {
                        case 0 -> 2;
                        case 1 -> 6;
                        case 2 -> 8;
                        default -> 4;
                    };
                    String json = nested(Math.min(depth, 65_000 / perLevel), shape, field);
                    return broken ? json.substring(0, json.length() - 1) : json;
                });
    }

    /** Strings that Java's base64 decoder refuses: stray characters, bad padding, impossible lengths. */
    static Arbitrary<String> badBase64() {
        return Combinators.combine(Arbitraries.strings().withChars("ABCDEFGHabcdefgh0123456789+/").ofMinLength(1)
                                .ofMaxLength(80), Arbitraries.integers().between(0, 7), Hostile.anyText(4))
                .as((text, how, junk) -> switch (how) {
                    case 0 -> text + "%%%";
                    case 1 -> "=" + text;
                    case 2 -> text + "===";
                    case 3 -> text.substring(0, 1);
                    case 4 -> text + " " + text;
                    case 5 -> text.replace('A', '-').replace('B', '_') + "-_";
                    case 6 -> "{\"displayName\":\"x\"}";
                    default -> text + junk + "*";
                })
                .filter(JsonGarbage::undecodable);
    }

    static boolean undecodable(String text) {
        try {
            Base64.getDecoder().decode(text);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /**
     * Bytes that are not UTF-8, base64-encoded: the only way such bytes reach the function. Each is refused as not
     * UTF-8; were it read anyway, it is an object with the field {@code a}, which no body of the API has.
     */
    static Arbitrary<String> invalidUtf8AsBase64() {
        return Arbitraries.of(
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
                // UTF-16 with a byte order mark, which the parser alone would detect and read
                new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0, '"', 0, 'a', 0, '"', 0, ':', 0, '1', 0, '}', 0},
                new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '"', 0, 'a', 0, '"', 0, ':', 0, (byte) 0xD8, 0, '}'},
                new byte[] {'{', (byte) 0x80, '}'},
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80,
                        (byte) 0x80, '"', '}'},
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'})
                .map(bytes -> Base64.getEncoder().encodeToString(bytes));
    }

    private static boolean isPaired(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** A JSON string literal holding {@code s}: controls, unpaired surrogates and line separators as escapes. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c >= 0x7F && c <= 0x9F || Character.isSurrogate(c) && !isPaired(s, i)
                            || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
