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
import java.util.Map;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;
import org.sanfu.Message;
import org.sanfu.Typed;

/**
 * A free text of a request: clean ({@link Rule}), at most {@link #max()} characters, and when
 * {@link #required()} not blank. One constraint rather than NotBlank and Size, so that a field has one
 * fault at a time, the missing text first, as the checks always answered.
 */
@Documented
@Constraint(validatedBy = Text.Validator.class)
@Target({FIELD, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface Text {

    /** API.md: a text over 4000 characters is 400. */
    int MAX = 4000;

    boolean required() default false;

    /** A text of paragraphs (a reason, a reply, a comment): tab, line feed and carriage return belong in it. */
    boolean multiline() default false;

    int max() default MAX;

    /** Unused: the validator names the fault itself (blank, unclean, or too long). */
    String message() default "{sanfu.validation.max-length}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /**
     * The one rule of free text, for Bean Validation ({@link Validator}) and the hand-written checks alike
     * ({@link InvalidInput.Collector}, and through it the enterprise import). A text is refused rather
     * than cleaned: a control character is nothing a person typed, and a workbook or a terminal would
     * drop or mangle it later; a lone surrogate is no character at all (UTF-8 cannot carry it); a text
     * of zero-width characters looks empty wherever it is shown.
     */
    final class Rule {

        private Rule() {
        }

        /** The fault of {@code value}, or null when it is a clean text. */
        public static Message fault(String value, boolean required, boolean multiline, int max) {
            if (value == null || required && blank(value)) {
                return required ? Message.of("sanfu.validation.not-blank") : null;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++; // a character beyond the BMP (an emoji), as a valid pair
                } else if (Character.isSurrogate(c)) {
                    return Message.of("sanfu.validation.lone-surrogate", "character", code(c));
                } else if (c == '\t' || c == '\n' || c == '\r') {
                    if (!multiline) {
                        return Message.of("sanfu.validation.single-line", "character", code(c));
                    }
                } else if (c < 0x20 || c == 0x7F) {
                    return Message.of("sanfu.validation.control-character", "character", code(c));
                }
            }
            if (value.length() > max) {
                return Message.of("sanfu.validation.max-length", "max", max);
            }
            return null;
        }

        /** Blank once the zero-width characters (U+200B–U+200D, U+2060, U+FEFF) are left out. */
        public static boolean blank(String value) {
            // no-break spaces too (U+00A0, U+2007, U+202F: a title pasted from Word), which isBlank does not count
            return Typed.blank(value);
        }

        private static String code(char c) {
            return String.format("U+%04X", (int) c);
        }
    }

    class Validator implements ConstraintValidator<Text, String> {

        private boolean required;
        private boolean multiline;
        private int max;

        @Override
        public void initialize(Text text) {
            this.required = text.required();
            this.multiline = text.multiline();
            this.max = text.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            Message fault = Rule.fault(value, required, multiline, max);
            if (fault == null) {
                return true;
            }
            HibernateConstraintValidatorContext faults = context.unwrap(HibernateConstraintValidatorContext.class);
            faults.disableDefaultConstraintViolation();
            for (Map.Entry<String, Object> argument : fault.arguments().entrySet()) {
                faults.addMessageParameter(argument.getKey(), argument.getValue());
            }
            faults.buildConstraintViolationWithTemplate("{" + fault.code() + "}").addConstraintViolation();
            return false;
        }
    }
}
