package org.sanfu.ticket;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;
import org.sanfu.Message;
import org.sanfu.Typed;
import org.sanfu.catalog.Catalog;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.OneOf;
import org.sanfu.web.Text;
import org.sanfu.web.WholeNumber;

/**
 * The bodies of the ticket actions (API.md "Actions"), as commands: the web edge reads and validates
 * them (Bean Validation) after the ticket was found and the action found to be the caller's, so a
 * use case receives only valid ones. The Schema annotations are for the OpenAPI document.
 */
public final class ActionRequests {

    /** The most working days one extension may ask for. */
    public static final int MAX_EXTENSION_DAYS = 10;

    private ActionRequests() {
    }

    /**
     * Dispatch names the lead and co-departments, and (addition) may re-classify the ticket (重新分类) when the
     * specialist filed it under the wrong category: a code of the Catalog, read as the list's {@code category}
     * filter reads it (full-width letters as ASCII, in any ASCII case: Catalog#category); blank or absent keeps the
     * ticket's own. The departments are read so too (Catalog#department); TicketActions files the catalog's codes.
     */
    @HandlingDepartments
    public record Assign(
            @Schema(requiredMode = REQUIRED, description = "a handling department's code", example = "FINANCE")
            String leadDepartment,
            @Schema(description = "other handling departments, each with its own part") List<String> coDepartments,
            @Text(multiline = true) String note,
            @Schema(description = "(addition) a category code: the ticket is re-classified under it; absent keeps its own",
                    example = "LOGISTICS")
            @CategoryCode String category) implements Routing {

        public Assign {
            // read where it is checked and filed (Catalog#category, which folds it): here only a blank one is none
            category = Typed.blank(category) ? null : category;
        }

        public Assign(String leadDepartment, List<String> coDepartments, String note) {
            this(leadDepartment, coDepartments, note, null);
        }
    }

    public record Return(@Schema(requiredMode = REQUIRED, description = "why it is not this department's")
            @Text(required = true, multiline = true) String reason) {}

    public record Contribute(@Schema(requiredMode = REQUIRED) @Text(required = true, multiline = true) String opinion) {}

    public record Reply(@Schema(requiredMode = REQUIRED) @Text(required = true, multiline = true) String resolution,
            @Schema(requiredMode = REQUIRED) @OneOf(Outcome.class) Outcome outcome) {}

    public record Extend(
            @Schema(requiredMode = REQUIRED, minimum = "1", maximum = "10")
            @WholeNumber(min = 1, max = MAX_EXTENSION_DAYS) Integer workingDays,
            @Schema(requiredMode = REQUIRED) @Text(required = true, multiline = true) String reason) {}

    public record DecideExtension(@Text(multiline = true) String note) {}

    public record Escalate(@Schema(requiredMode = REQUIRED) @OneOf(EscalationLevel.class) EscalationLevel level,
            @Schema(requiredMode = REQUIRED) @Text(required = true, multiline = true) String reason) {}

    public record Feedback(
            @Schema(requiredMode = REQUIRED, description = "UNRATED is the service's own, when the window passes",
                    allowableValues = {"SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED"})
            @OneOf(value = Satisfaction.class, except = "UNRATED") Satisfaction satisfaction,
            @Text(multiline = true) String comment) {

        /**
         * This rating, refused when it is 不满意 without a reason (不满意原因, as 12345 centres ask): the department
         * handles it again and must know what is still wrong. Asked by the forms people fill in (the enterprise's own
         * page, the ticket page's 回访), not by the API: API.md has the comment optional, and integrators (hotline
         * channels) already send a 不满意 without one.
         */
        public Feedback withReasonIfDissatisfied() {
            if (satisfaction == Satisfaction.DISSATISFIED && (comment == null || comment.isBlank())) {
                throw InvalidInput.of("comment", Message.of("sanfu.feedback.dissatisfied-reason"));
            }
            return this;
        }
    }

    /** A leader takes a stuck ticket under supervision (督办), and says why. */
    public record Supervise(@Schema(requiredMode = REQUIRED, description = "why the leader takes it")
            @Text(required = true, multiline = true) String reason) {}

    /**
     * A leader's ruling on a ticket under supervision (督办). CLOSE needs a note; REASSIGN a handling
     * lead department, and co-departments if given (by default the ticket keeps its own).
     */
    @HandlingDepartments
    @NoteToClose
    public record Rule(
            @Schema(requiredMode = REQUIRED) @OneOf(Ruling.class) Ruling decision,
            @Schema(description = "for REASSIGN: a handling department's code") String leadDepartment,
            @Schema(description = "for REASSIGN; by default the ticket's co-departments are kept")
            List<String> coDepartments,
            @Schema(description = "required for CLOSE") @Text(multiline = true) String note) implements Routing {

        @Override
        public boolean routes() {
            return decision == Ruling.REASSIGN;
        }
    }

    public enum Ruling { CLOSE, REASSIGN }

    public record Comment(@Schema(requiredMode = REQUIRED) @Text(required = true, multiline = true) String text) {}

    /** A command that names a lead department and co-departments. */
    interface Routing {
        String leadDepartment();

        List<String> coDepartments();

        /** Whether this command routes the ticket at all (a ruling may close it instead). */
        default boolean routes() {
            return true;
        }
    }

    /**
     * The lead and every co-department are handling departments of the Catalog; a co-department is
     * not the lead and is not named twice.
     */
    @Documented
    @Constraint(validatedBy = HandlingDepartmentsValidator.class)
    @Target(TYPE)
    @Retention(RUNTIME)
    @interface HandlingDepartments {
        String message() default "{sanfu.validation.department}";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** The departments are configuration, so the validator asks the Catalog (Spring injects it). */
    static final class HandlingDepartmentsValidator implements ConstraintValidator<HandlingDepartments, Routing> {

        private final Catalog catalog;

        HandlingDepartmentsValidator(Catalog catalog) {
            this.catalog = catalog;
        }

        @Override
        public boolean isValid(Routing command, ConstraintValidatorContext context) {
            if (command == null) {
                return true;
            }
            // a ruling that closes needs no department, but one it names anyway must still be one
            boolean required = command.routes();
            HibernateConstraintValidatorContext faults = context.unwrap(HibernateConstraintValidatorContext.class);
            faults.disableDefaultConstraintViolation();
            faults.addMessageParameter("departments", String.join(", ",
                    catalog.departmentCodes().stream().filter(catalog::isHandlingDepartment).toList()));
            boolean valid = true;
            // each code in any ASCII case, as TicketActions will file it (finance is FINANCE, and then is the lead)
            String lead = catalog.departmentOrAsSent(command.leadDepartment());
            if ((required || lead != null) && !catalog.isHandlingDepartment(lead)) {
                faults.buildConstraintViolationWithTemplate("{sanfu.validation.department}")
                        .addPropertyNode("leadDepartment").addConstraintViolation();
                valid = false;
            }
            List<String> co = command.coDepartments() == null ? List.of()
                    : command.coDepartments().stream().map(catalog::departmentOrAsSent).toList();
            for (int i = 0; i < co.size(); i++) {
                String department = co.get(i);
                String fault = !catalog.isHandlingDepartment(department) ? "{sanfu.validation.department}"
                        : department.equals(lead) ? "{sanfu.validation.co-department-is-lead}" : null;
                if (fault != null) {
                    faults.buildConstraintViolationWithTemplate(fault).addPropertyNode("coDepartments")
                            .addContainerElementNode("<list element>", List.class, 0)
                            .inIterable().atIndex(i).addConstraintViolation();
                    valid = false;
                }
            }
            if (new HashSet<>(co).size() != co.size()) {
                faults.buildConstraintViolationWithTemplate("{sanfu.validation.department-twice}")
                        .addPropertyNode("coDepartments").addConstraintViolation();
                valid = false;
            }
            return valid;
        }
    }

    /** A problem category of the Catalog, or none. */
    @Documented
    @Constraint(validatedBy = CategoryCodeValidator.class)
    @Target(FIELD)
    @Retention(RUNTIME)
    @interface CategoryCode {
        String message() default "{sanfu.validation.one-of}";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** The categories are configuration, so the validator asks the Catalog (Spring injects it). */
    static final class CategoryCodeValidator implements ConstraintValidator<CategoryCode, String> {

        private final Catalog catalog;

        CategoryCodeValidator(Catalog catalog) {
            this.catalog = catalog;
        }

        @Override
        public boolean isValid(String category, ConstraintValidatorContext context) {
            if (category == null || catalog.category(category) != null) {
                return true;
            }
            context.unwrap(HibernateConstraintValidatorContext.class)
                    .addMessageParameter("values", String.join(", ", catalog.categoryCodes()));
            return false;
        }
    }

    /** A ruling that closes a ticket says why. */
    @Documented
    @Constraint(validatedBy = NoteToCloseValidator.class)
    @Target(TYPE)
    @Retention(RUNTIME)
    @interface NoteToClose {
        String message() default "{sanfu.validation.not-blank}";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    static final class NoteToCloseValidator implements ConstraintValidator<NoteToClose, Rule> {
        @Override
        public boolean isValid(Rule rule, ConstraintValidatorContext context) {
            if (rule == null || rule.decision() != Ruling.CLOSE || !Text.Rule.blank(rule.note())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("note").addConstraintViolation();
            return false;
        }
    }
}
