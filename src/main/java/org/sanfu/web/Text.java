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
 * A free text of a request: at most {@link #max()} characters, and when {@link #required()} not blank.
 * One constraint rather than NotBlank and Size, so that a field has one fault at a time, the missing
 * text first, as the checks always answered.
 */
@Documented
@Constraint(validatedBy = Text.Validator.class)
@Target({FIELD, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface Text {

    /** API.md: a text over 4000 characters is 400. */
    int MAX = 4000;

    boolean required() default false;

    int max() default MAX;

    /** Unused: the validator names the fault itself (blank, or too long). */
    String message() default "{sanfu.validation.max-length}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Text, String> {

        private boolean required;
        private int max;

        @Override
        public void initialize(Text text) {
            this.required = text.required();
            this.max = text.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            String fault = null;
            if (required && (value == null || value.isBlank())) {
                fault = "{sanfu.validation.not-blank}";
            } else if (value != null && value.length() > max) {
                fault = "{sanfu.validation.max-length}";
            }
            if (fault == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(fault).addConstraintViolation();
            return false;
        }
    }
}
