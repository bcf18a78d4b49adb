package io.participants.domain.integration;

import java.util.Locale;
import java.util.regex.Pattern;

/** Address syntaxes shared by providers and participant fields. */
public final class Addresses {

    /**
     * A pragmatic email syntax (dot-atom local part, dotted domain): stricter than RFC 5322's quoted forms,
     * which no messaging provider accepts anyway.
     */
    public static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    public static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    /** A GUID in its usual 8-4-4-4-12 hexadecimal form, in either case (an Entra ID object id). */
    public static final Pattern GUID =
            Pattern.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

    /** What people write inside phone numbers and E.164 leaves out. */
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s().-]");

    private Addresses() {
    }

    public static boolean isEmail(String value) {
        return value != null && EMAIL.matcher(value).matches();
    }

    /** The email address lower-cased (the syntax is ASCII, so no locale can change it), or null when it is none. */
    public static String normalisedEmail(String value) {
        return isEmail(value) ? value.toLowerCase(Locale.ROOT) : null;
    }

    /**
     * The phone number in E.164 without the spaces, dots, dashes and parentheses people write in it
     * ({@code +1 (415) 555-0100} is {@code +14155550100}), or null when it is none.
     */
    public static String normalisedPhone(String value) {
        if (value == null) {
            return null;
        }
        String compact = PHONE_SEPARATORS.matcher(value).replaceAll("");
        return E164.matcher(compact).matches() ? compact : null;
    }
}
