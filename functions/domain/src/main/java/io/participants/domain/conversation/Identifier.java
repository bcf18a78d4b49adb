package io.participants.domain.conversation;

import io.participants.domain.common.Violations;
import io.participants.domain.integration.Addresses;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a contact is recognised in a channel: a key such as {@code emailaddress} or {@code phonenumber} and a value.
 * Emails and phone numbers are validated and normalised (lower-cased; E.164 without separators), so two spellings
 * of one contact are one identifier. Other keys, such as a provider's user id, are opaque.
 */
public record Identifier(String key, String value) {

    public static final String EMAIL = "emailaddress";
    public static final String PHONE = "phonenumber";
    public static final int MAX_VALUE = 256;

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    /** Validates and normalises; violations name {@code identifierKey} and {@code identifierValue} under {@code at}. */
    public static Identifier parse(String key, String value, String at, Violations violations) {
        String k = key == null ? null : key.toLowerCase(Locale.ROOT);
        if (!violations.check(k != null && KEY.matcher(k).matches(), at + "identifierKey",
                "must be 1 to 64 characters of letters, digits, '_', '.' or '-'")) {
            return null;
        }
        if (!violations.check(value != null && !value.isEmpty() && value.length() <= MAX_VALUE
                        && value.chars().noneMatch(Character::isISOControl), at + "identifierValue",
                "must be 1 to " + MAX_VALUE + " characters without control characters")) {
            return null;
        }
        String normalised = switch (k) {
            case EMAIL -> Addresses.normalisedEmail(value);
            case PHONE -> Addresses.normalisedPhone(value);
            default -> value;
        };
        if (!violations.check(normalised != null, at + "identifierValue", k.equals(EMAIL)
                ? "must be a valid email address" : "must be an E.164 phone number such as +14155550100")) {
            return null;
        }
        return new Identifier(k, normalised);
    }

    /** Whether directory channels can carry this identifier (an email address or a phone number). */
    public boolean isAddress() {
        return key.equals(EMAIL) || key.equals(PHONE);
    }
}
