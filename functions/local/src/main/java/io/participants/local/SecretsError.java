package io.participants.local;

/**
 * A Secrets Manager error as the service reports it: its {@code __type} (such as
 * {@code ResourceNotFoundException}) and a message that names secrets but never quotes their values.
 */
final class SecretsError extends RuntimeException {

    static final String NOT_FOUND = "ResourceNotFoundException";
    static final String EXISTS = "ResourceExistsException";
    static final String INVALID_REQUEST = "InvalidRequestException";
    static final String INVALID_PARAMETER = "InvalidParameterException";

    private final String type;

    SecretsError(String type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    String type() {
        return type;
    }

    static SecretsError notFound() {
        return new SecretsError(NOT_FOUND, "Secrets Manager can't find the specified secret.");
    }

    static SecretsError invalidParameter(String message) {
        return new SecretsError(INVALID_PARAMETER, message);
    }
}
