package org.sanfu.ticket;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The bodies of the ticket actions (API.md "Actions"); the annotations are for the OpenAPI document. */
public final class ActionRequests {

    private ActionRequests() {
    }

    public record Assign(
            @Schema(requiredMode = REQUIRED, description = "a handling department's code", example = "FINANCE")
            String leadDepartment,
            @Schema(description = "other handling departments, each with its own part") List<String> coDepartments,
            String note) {}

    public record Return(@Schema(requiredMode = REQUIRED, description = "why it is not this department's")
            String reason) {}

    public record Contribute(@Schema(requiredMode = REQUIRED) String opinion) {}

    public record Reply(@Schema(requiredMode = REQUIRED) String resolution,
            @Schema(requiredMode = REQUIRED) Outcome outcome) {}

    public record Extend(
            @Schema(requiredMode = REQUIRED, minimum = "1", maximum = "10") Integer workingDays,
            @Schema(requiredMode = REQUIRED) String reason) {}

    public record DecideExtension(String note) {}

    public record Escalate(@Schema(requiredMode = REQUIRED) EscalationLevel level,
            @Schema(requiredMode = REQUIRED) String reason) {}

    public record Feedback(
            @Schema(requiredMode = REQUIRED, description = "UNRATED is the service's own, when the window passes",
                    allowableValues = {"SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED"}) Satisfaction satisfaction,
            String comment) {}

    /** A leader's ruling on a ticket under supervision (督办). */
    public record Rule(
            @Schema(requiredMode = REQUIRED) Ruling decision,
            @Schema(description = "for REASSIGN: a handling department's code") String leadDepartment,
            @Schema(description = "for REASSIGN; by default the ticket's co-departments are kept")
            List<String> coDepartments,
            @Schema(description = "required for CLOSE") String note) {}

    public enum Ruling { CLOSE, REASSIGN }

    public record Comment(@Schema(requiredMode = REQUIRED) String text) {}
}
