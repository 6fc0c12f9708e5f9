package org.sanfu.systemic;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;
import org.sanfu.catalog.Catalog;
import org.sanfu.web.Text;

/** The bodies of dispatch's decisions on a systemic problem (API.md), validated at the web edge. */
final class SystemicRequests {

    private SystemicRequests() {
    }

    /** Confirm into one case ticket, routed to {@code leadDepartment}. */
    record Confirm(
            @Schema(description = "the case ticket's title; by default the proposal's") @Text String title,
            @Schema(requiredMode = REQUIRED, description = "a handling department's code", example = "TRANSPORT")
            @HandlingDepartment String leadDepartment,
            @Schema(description = "the case ticket's description, besides the members listed")
            @Text(multiline = true) String note) {
    }

    record Dismiss(@Schema(requiredMode = REQUIRED, description = "why it is no systemic problem")
            @Text(required = true, multiline = true) String reason) {
    }

    /** A handling department of the Catalog (required). */
    @Documented
    @Constraint(validatedBy = HandlingDepartmentValidator.class)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
    @Retention(RetentionPolicy.RUNTIME)
    @interface HandlingDepartment {
        String message() default "{sanfu.validation.department}";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    static final class HandlingDepartmentValidator implements ConstraintValidator<HandlingDepartment, String> {

        private final Catalog catalog;

        HandlingDepartmentValidator(Catalog catalog) {
            this.catalog = catalog;
        }

        @Override
        public boolean isValid(String code, ConstraintValidatorContext context) {
            context.unwrap(HibernateConstraintValidatorContext.class).addMessageParameter("departments",
                    String.join(", ", catalog.departmentCodes().stream().filter(catalog::isHandlingDepartment).toList()));
            // in any ASCII case, as SystemicCases files it (Catalog#department: transport is TRANSPORT)
            return catalog.isHandlingDepartment(catalog.department(code));
        }
    }
}
