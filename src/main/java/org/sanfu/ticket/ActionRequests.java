package org.sanfu.ticket;

import java.util.List;

/** The bodies of the ticket actions (API.md "Actions"). */
public final class ActionRequests {

    private ActionRequests() {
    }

    public record Assign(String leadDepartment, List<String> coDepartments, String note) {}

    public record Return(String reason) {}

    public record Reply(String resolution, Outcome outcome) {}

    public record Feedback(Satisfaction satisfaction, String comment) {}
}
