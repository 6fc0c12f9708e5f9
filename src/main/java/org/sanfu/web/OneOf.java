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
import java.util.Arrays;
import java.util.List;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * A required choice among an enum's values, less those the client may not choose (a satisfaction of
 * UNRATED is the service's own). The message lists the values the client may send.
 */
@Documented
@Constraint(validatedBy = OneOf.Validator.class)
@Target({FIELD, ANNOTATION_TYPE})
@Retention(RUNTIME)
public @interface OneOf {

    Class<? extends Enum<?>> value();

    /** Values of the enum that a client may not send. */
    String[] except() default {};

    String message() default "{sanfu.validation.one-of}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<OneOf, Enum<?>> {

        private List<String> allowed;

        @Override
        public void initialize(OneOf oneOf) {
            List<String> except = List.of(oneOf.except());
            this.allowed = Arrays.stream(oneOf.value().getEnumConstants()).map(Enum::name)
                    .filter(name -> !except.contains(name)).toList();
        }

        @Override
        public boolean isValid(Enum<?> value, ConstraintValidatorContext context) {
            if (value != null && allowed.contains(value.name())) {
                return true;
            }
            context.unwrap(HibernateConstraintValidatorContext.class)
                    .addMessageParameter("values", String.join(", ", allowed));
            return false;
        }
    }
}
