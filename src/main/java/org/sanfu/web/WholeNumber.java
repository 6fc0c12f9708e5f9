package org.sanfu.web;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A required whole number from {@link #min()} to {@link #max()}: one constraint rather than NotNull,
 * Min and Max, so that the client reads the whole rule whichever way it missed it.
 */
@Documented
@Constraint(validatedBy = WholeNumber.Validator.class)
@Target({FIELD, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface WholeNumber {

    long min();

    long max();

    String message() default "{sanfu.validation.whole-number}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<WholeNumber, Integer> {

        private long min;
        private long max;

        @Override
        public void initialize(WholeNumber range) {
            this.min = range.min();
            this.max = range.max();
        }

        @Override
        public boolean isValid(Integer value, ConstraintValidatorContext context) {
            return value != null && value >= min && value <= max;
        }
    }
}
