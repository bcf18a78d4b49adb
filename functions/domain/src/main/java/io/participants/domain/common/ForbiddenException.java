package io.participants.domain.common;

/** The caller is authenticated but lacks the scope the operation needs. */
public final class ForbiddenException extends DomainException {

    public ForbiddenException(String message) {
        super(message);
    }
}
