package io.participants.api.http;

import java.nio.charset.StandardCharsets;

/**
 * API Gateway HTTP APIs hand a function {@code rawPath} already percent-decoded (REST APIs and function URLs keep the
 * encoding), so {@code %2B} arrives as {@code +} and {@code %252B} as {@code %2B}. The router decodes path variables
 * once more, and refuses some literal characters ({@code +}, a bare {@code %}). So the path is encoded again before
 * routing: each variable then comes out exactly as the gateway decoded it, and a client's value is decoded exactly
 * once from end to end.
 */
public final class GatewayPaths {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private GatewayPaths() {
    }

    /** Percent-encodes every byte but letters, digits, {@code - . _ ~}, the segment separator and {@code :}. */
    public static String routable(String decodedPath) {
        if (decodedPath == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(decodedPath.length() + 16);
        for (byte b : decodedPath.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/' || c == ':') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
