package io.participants.domain.common;

/** A well-formed request the service refuses because of what it names (a 400 with its own problem type). */
public final class RefusedException extends DomainException {

    private final String reason;

    public RefusedException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A stable machine-readable reason, such as {@code not-connected}. */
    public String reason() {
        return reason;
    }
}
