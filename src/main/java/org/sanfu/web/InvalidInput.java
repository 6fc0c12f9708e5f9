package org.sanfu.web;

import java.util.ArrayList;
import java.util.List;
import org.sanfu.DomainException;

/**
 * The input is invalid: a domain error like the others, with the fields at fault, each named by its
 * JSON path ({@code problems[0].category}). ProblemAdvice answers it 400.
 */
public class InvalidInput extends DomainException {

    public record FieldError(String field, String message) {}

    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public static InvalidInput of(String field, String message) {
        return new InvalidInput(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        return errors.isEmpty() ? "invalid request" : errors.get(0).field() + ": " + errors.get(0).message();
    }

    /** Collects field errors while a request is checked; {@link #throwIfAny()} ends the check. */
    public static final class Collector {
        private final List<FieldError> errors = new ArrayList<>();

        public Collector add(String field, String message) {
            errors.add(new FieldError(field, message));
            return this;
        }

        public boolean has(String field) {
            return errors.stream().anyMatch(e -> e.field().equals(field));
        }

        public void requireText(String field, String value, int max) {
            if (value == null || value.isBlank()) {
                add(field, "must not be blank");
            } else {
                maxLength(field, value, max);
            }
        }

        public void maxLength(String field, String value, int max) {
            if (value != null && value.length() > max) {
                add(field, "must be at most " + max + " characters");
            }
        }

        public void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new InvalidInput(errors);
            }
        }
    }
}
