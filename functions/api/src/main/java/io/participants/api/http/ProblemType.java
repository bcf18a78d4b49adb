package io.participants.api.http;

import io.micronaut.http.HttpStatus;

/**
 * The stable problem types of the API, one per kind of error; clients switch on {@code type}, never on text.
 * docs/api.md ("Errors") lists them.
 */
public enum ProblemType {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid"),
    MALFORMED_BODY(HttpStatus.BAD_REQUEST, "malformed-body", "The request body could not be read"),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication is required"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "The token does not allow this operation"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "The resource was not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "The method is not allowed here"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "No acceptable representation"),
    CONFLICT(HttpStatus.CONFLICT, "conflict", "The request conflicts with the stored state"),
    /** The conversations family's answer to invalid input, as its public API page defines it. */
    VALIDATION_FAILED(HttpStatus.UNPROCESSABLE_ENTITY, "validation-failed", "The request did not pass validation"),
    PRECONDITION_FAILED(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "The resource has changed"),
    /** A create's Idempotency-Key was used, within 24 hours, for another request (method, route or body). */
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
            "The idempotency key was used for another request"),
    /** A create under the same Idempotency-Key is still running; Retry-After says when its lease ends. */
    IDEMPOTENCY_KEY_IN_USE(HttpStatus.CONFLICT, "idempotency-key-in-use",
            "A request with this idempotency key is still in progress"),
    PAYLOAD_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload-too-large", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
            "The request body's media type is not supported"),
    BAD_GATEWAY(HttpStatus.BAD_GATEWAY, "bad-gateway", "A provider failed or sent something unusable"),
    /** DynamoDB, S3 or Secrets Manager refused a call in a way no retry changes (403, 404, 400, 501). */
    STORAGE_REFUSED(HttpStatus.BAD_GATEWAY, "storage-refused", "A storage service refused the request"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
            "The service is temporarily unavailable"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "An unexpected error occurred");

    /** Problem type URIs are URNs: stable names that promise no documentation host. */
    public static final String PREFIX = "urn:problem-type:participants:";

    private final HttpStatus status;
    private final String slug;
    private final String title;

    ProblemType(HttpStatus status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String uri() {
        return PREFIX + slug;
    }

    public String title() {
        return title;
    }

    /** The type for a status the framework chose itself (no route, bad method, unreadable body). */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status.getCode() == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : INVALID_REQUEST;
    }
}
