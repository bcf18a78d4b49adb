package io.participants.api.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the headers of a gateway event before the framework reads them. The framework refuses a header name that
 * is not an RFC 9110 token, or a value with a control character or leading whitespace, by throwing while it builds
 * the request, which ends in a bare 500; here such a header is a 400 instead. Whitespace around a value is not part
 * of it (RFC 9110, section 5.5) and is trimmed, as API Gateway does; a header without a value is dropped.
 */
public final class GatewayHeaders {

    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private GatewayHeaders() {
    }

    /**
     * The headers with their values trimmed and those without a value left out, in a new map; empty when a header
     * is malformed.
     */
    public static Optional<Map<String, String>> normalized(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        if (headers == null) {
            return Optional.of(out);
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            if (!isToken(name)) {
                return Optional.empty();
            }
            if (header.getValue() == null) {
                continue;
            }
            String value = trim(header.getValue());
            if (!isFieldValue(value)) {
                return Optional.empty();
            }
            out.put(name, value);
        }
        return Optional.of(out);
    }

    static boolean isToken(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || TOKEN_SYMBOLS.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** No control character but horizontal tab, no DEL; the value is trimmed already. */
    static boolean isFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static String trim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
            end--;
        }
        return value.substring(start, end);
    }
}
