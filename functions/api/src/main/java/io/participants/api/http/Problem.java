package io.participants.api.http;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * An RFC 9457 problem details body, the one error shape of the API. {@code errors} lists the fields a validation
 * failure names, and is null otherwise.
 */
@Serdeable
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(String type, String title, int status, String detail, String instance,
                      @Schema(requiredMode = REQUIRED, nullable = true,
                              description = "The refused fields of a validation failure; null otherwise")
                      List<InvalidField> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One refused field and why. */
    @Serdeable
    @Schema(name = "InvalidField")
    public record InvalidField(String field, String reason) {
    }
}
