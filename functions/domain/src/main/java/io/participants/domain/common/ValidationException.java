package io.participants.domain.common;

import java.util.List;

/** The input breaks one or more rules; every broken rule is listed, not only the first. */
public final class ValidationException extends DomainException {

    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).reason()
                : errors.size() + " fields are invalid");
        this.errors = List.copyOf(errors);
    }

    public static ValidationException of(String field, String reason) {
        return new ValidationException(List.of(new FieldError(field, reason)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
