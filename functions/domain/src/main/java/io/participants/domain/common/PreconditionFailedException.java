package io.participants.domain.common;

/** The caller's If-Match version is not the stored one. */
public final class PreconditionFailedException extends DomainException {

    public PreconditionFailedException(String message) {
        super(message);
    }
}
