package io.participants.api.secrets;

/**
 * A secret the deployment needs is missing or unreadable (the operator has not set it, or set it wrong). The
 * message names the secret, never its value; callers are answered 503 without it.
 */
public final class SecretUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public SecretUnavailableException(String message) {
        super(message);
    }
}
