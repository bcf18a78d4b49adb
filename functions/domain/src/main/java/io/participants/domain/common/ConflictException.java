package io.participants.domain.common;

/** The request is valid but clashes with stored state (a claimed channel, a referenced config, a concurrent change). */
public final class ConflictException extends DomainException {

    private final String reason;

    public ConflictException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A stable machine-readable reason, such as {@code channel-claimed}. */
    public String reason() {
        return reason;
    }
}
