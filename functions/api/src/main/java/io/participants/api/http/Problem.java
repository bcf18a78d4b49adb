package io.participants.api.http;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * An RFC 9457 problem details body, the one error shape of the API. {@code errors} lists the fields a validation
 * failure names, and is null otherwise. Input quoted in {@code detail} or a field name is cut short, so that a large
 * request cannot make a larger answer.
 */
@Serdeable
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(String type, String title, int status, String detail, String instance,
                      @Schema(requiredMode = REQUIRED, nullable = true,
                              description = "The refused fields of a validation failure; null otherwise")
                      List<InvalidField> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** A detail quotes the input it refuses, which can be huge: it is cut to this many characters. */
    static final int MAX_DETAIL = 1000;
    /** So is a field name, which comes from the body (an unknown property, say). */
    static final int MAX_FIELD = 200;

    public Problem {
        detail = cut(detail, MAX_DETAIL);
    }

    /** One refused field and why. */
    @Serdeable
    @Schema(name = "InvalidField")
    public record InvalidField(String field, String reason) {

        public InvalidField {
            field = cut(field, MAX_FIELD);
        }
    }

    /** {@code text} cut to {@code max} characters (never inside a surrogate pair), marked with an ellipsis. */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "…";
    }
}
