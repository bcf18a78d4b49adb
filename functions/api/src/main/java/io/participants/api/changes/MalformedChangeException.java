package io.participants.api.changes;

/**
 * A stream record of a known item kind that cannot be read as one (an attribute missing or of the wrong type). The
 * publisher reports its record as failed, so it is retried, isolated by bisection and finally kept in the on-failure
 * destination, never dropped. The message names the item kind and the attribute, never a value.
 */
public final class MalformedChangeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedChangeException(String message) {
        super(message);
    }
}
