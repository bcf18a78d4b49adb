package io.participants.domain.common;

/** The request carries no verified identity. */
public final class UnauthenticatedException extends DomainException {

    public UnauthenticatedException(String message) {
        super(message);
    }
}
