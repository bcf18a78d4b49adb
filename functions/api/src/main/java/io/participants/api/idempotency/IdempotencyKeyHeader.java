package io.participants.api.idempotency;

import io.participants.domain.common.ValidationException;

import java.util.Optional;

/**
 * Reads the {@code Idempotency-Key} request header, as the IETF httpapi draft writes it (a structured-field string,
 * {@code "8e03978e-40d5-43e8-bc93-6894a57f9324"}) or as Stripe does (the bare value): 1 to 255 printable ASCII
 * characters. API Gateway joins a repeated header's values with commas, so a comma outside quotes means two keys.
 */
final class IdempotencyKeyHeader {

    static final String NAME = IdempotentCreate.HEADER;
    static final int MAX_LENGTH = 255;

    private static final String REPEATED = "must be given once, as one key";

    private IdempotencyKeyHeader() {
    }

    /**
     * The key the header's {@code value} names; empty without the header.
     *
     * @throws ValidationException naming the header, when it is empty, too long, repeated or not printable ASCII
     */
    static Optional<String> of(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String key = value.startsWith("\"") ? unquote(value) : bare(value);
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            throw invalid("must be 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw invalid("must be printable ASCII characters");
            }
        }
        return Optional.of(key);
    }

    private static String bare(String value) {
        if (value.indexOf(',') >= 0) {
            throw invalid(REPEATED);
        }
        return value;
    }

    /** A structured-field string (RFC 9651, 3.3.3): inside the quotes, {@code \"} and {@code \\} are the escapes. */
    private static String unquote(String value) {
        StringBuilder key = new StringBuilder();
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                if (i + 1 < value.length() && (value.charAt(i + 1) == '"' || value.charAt(i + 1) == '\\')) {
                    key.append(value.charAt(++i));
                    continue;
                }
                throw invalid("is a quoted string that may escape only \\\" and \\\\");
            }
            if (c == '"') {
                if (i == value.length() - 1) {
                    return key.toString();
                }
                throw invalid(value.substring(i + 1).strip().startsWith(",") ? REPEATED
                        : "must end with its closing quote");
            }
            key.append(c);
        }
        throw invalid("is a quoted string without its closing quote");
    }

    private static ValidationException invalid(String reason) {
        return ValidationException.of(NAME, reason);
    }
}
