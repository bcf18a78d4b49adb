package io.participants.domain.integration;

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

    private Addresses() {
    }

    public static boolean isEmail(String value) {
        return value != null && EMAIL.matcher(value).matches();
    }
}
