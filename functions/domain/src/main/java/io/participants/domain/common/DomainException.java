package io.participants.domain.common;

/**
 * Base of every error the domain raises on purpose; the API layer turns each subtype into one problem type.
 * Messages are written for the caller: they never carry secrets or internal identifiers of other tenants.
 */
public abstract class DomainException extends RuntimeException {

    protected DomainException(String message) {
        super(message, null, false, false);
    }
}
