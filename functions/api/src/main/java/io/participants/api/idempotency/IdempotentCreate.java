package io.participants.api.idempotency;

import io.participants.api.http.Problem;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents, in the generated OpenAPI, a create's 409 and 422 answers under an {@code Idempotency-Key}; the header
 * itself is the create's argument, documented with {@link #DESCRIPTION}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ApiResponse(responseCode = "409", description = "Conflicts with the stored state, or a request with the same"
        + " Idempotency-Key is still in progress (idempotency-key-in-use, with Retry-After)",
        headers = @Header(name = "Retry-After", description = "Seconds until the request in progress ends",
                schema = @Schema(type = "integer")),
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for another request within 24 hours"
        + " (idempotency-key-reused); in the conversations family, also invalid input (validation-failed)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface IdempotentCreate {

    String HEADER = "Idempotency-Key";
    String DESCRIPTION = "Makes the create safe to retry: the same key with the same request (method, route, body"
            + " bytes) within 24 hours answers the first answer again (status, body, Location, ETag) with"
            + " Idempotent-Replayed: true, and writes nothing. 1 to 255 printable ASCII characters, bare or as a"
            + " structured-field string; keys are per tenant.";
    String EXAMPLE = "\"8e03978e-40d5-43e8-bc93-6894a57f9324\"";
}
