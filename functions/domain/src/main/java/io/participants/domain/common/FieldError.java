package io.participants.domain.common;

/** One reason one input field was refused, named by its JSON path (for example {@code channels[1].address}). */
public record FieldError(String field, String reason) {
}
