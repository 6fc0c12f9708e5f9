package org.sanfu.ticket;

import java.util.List;

/** The bodies of the ticket actions (API.md "Actions"). */
public final class ActionRequests {

    private ActionRequests() {
    }

    public record Assign(String leadDepartment, List<String> coDepartments, String note) {}

    public record Return(String reason) {}

    public record Contribute(String opinion) {}

    public record Reply(String resolution, Outcome outcome) {}

    public record Extend(Integer workingDays, String reason) {}

    public record DecideExtension(String note) {}

    public record Escalate(EscalationLevel level, String reason) {}

    public record Feedback(Satisfaction satisfaction, String comment) {}

    /** A leader's ruling on a ticket under supervision (督办). */
    public record Rule(Ruling decision, String leadDepartment, List<String> coDepartments, String note) {}

    public enum Ruling { CLOSE, REASSIGN }

    public record Comment(String text) {}
}
