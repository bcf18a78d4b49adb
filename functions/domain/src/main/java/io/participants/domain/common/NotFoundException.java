package io.participants.domain.common;

/** The resource does not exist for this caller; also used for other tenants' resources, so nothing leaks. */
public final class NotFoundException extends DomainException {

    public NotFoundException(String message) {
        super(message);
    }
}
