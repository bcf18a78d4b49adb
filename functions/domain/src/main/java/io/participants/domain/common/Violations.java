package io.participants.domain.common;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors while input is checked, then throws them together. */
public final class Violations {

    private final List<FieldError> errors = new ArrayList<>();

    public Violations add(String field, String reason) {
        errors.add(new FieldError(field, reason));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Records an error unless {@code ok}; returns {@code ok} so checks can be chained. */
    public boolean check(boolean ok, String field, String reason) {
        if (!ok) {
            add(field, reason);
        }
        return ok;
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
