package io.participants.local;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The path and query of a request as the function gets them: the path percent-decoded once, as API Gateway HTTP APIs
 * decode it ({@code %2F} becomes a slash, {@code %252B} the text {@code %2B}, a {@code +} stays a plus), the query
 * raw.
 */
record RequestTarget(String path, String rawQuery) {

    /**
     * The target of {@code rawPath} and {@code rawQuery} (null when there is none), or empty when either cannot be
     * decoded: a character a path may not hold, a broken escape, or escapes that are no UTF-8.
     */
    static Optional<RequestTarget> parse(String rawPath, String rawQuery) {
        if (rawQuery != null && !wellFormedEscapes(rawQuery)) {
            return Optional.empty();
        }
        return decodePath(rawPath == null ? "" : rawPath).map(path -> new RequestTarget(path, rawQuery));
    }

    private static Optional<String> decodePath(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || !isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2))) {
                    return Optional.empty();
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) << 4 | Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (isPathCharacter(c)) {
                bytes.write(c);
            } else {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The function decodes the query's escapes itself; a broken one would fail it rather than be refused. */
    private static boolean wellFormedEscapes(String raw) {
        for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 3)) {
            if (i + 2 >= raw.length() || !isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3986's pchar, and the slash between segments; everything else must come percent-encoded. */
    private static boolean isPathCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return c < 128 && Character.digit(c, 16) >= 0;
    }
}
