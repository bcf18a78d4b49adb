package io.participants.domain.common;

/** Raised by a store when a conditional write lost a race with another writer. */
public final class ConcurrentModificationException extends DomainException {

    public ConcurrentModificationException() {
        super("The resource was changed by another request");
    }
}
