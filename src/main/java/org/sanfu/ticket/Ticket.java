package org.sanfu.ticket;

import java.time.Instant;
import java.util.List;

/** A ticket (事项交办单) as the read model holds it. */
public record Ticket(
        long id,
        long visitId,
        String enterpriseCreditCode,
        String enterpriseName,
        String town,
        String reporter,
        String category,
        String title,
        String description,
        Urgency urgency,
        Source source,
        TicketStatus status,
        String leadDepartment,
        List<String> coDepartments,
        Instant reportedAt,
        Instant assignedAt,
        Instant signedAt,
        Instant repliedAt,
        Instant closedAt,
        int signLimit,
        int replyLimit,
        Instant signDeadline,
        Instant replyDeadline,
        boolean overdue,
        Clocks clocks,
        int reopenCount,
        int returnCount,
        EscalationLevel escalationLevel,
        Satisfaction satisfaction,
        String resolution,
        Outcome outcome,
        boolean resolvedOnSite,
        String processInstanceId,
        List<String> openParts,
        ExtensionRequest extensionRequest,
        List<Contribution> contributions) {

    /** The state of the sign and reply clocks and of the feedback window. */
    public record Clocks(Instant signStart, int signReminded, boolean signOverdue, Instant replyStart,
            int replyReminded, boolean replyOverdue, Instant feedbackDue) {}

    /** A co-department's answer (协办意见). */
    public record Contribution(String department, String opinion, String by, Instant at) {}

    /** A lead department's pending request for more working days (延期). */
    public record ExtensionRequest(int workingDays, String reason, Instant requestedAt) {}

    /** Whether this department leads the ticket or co-handles it. */
    public boolean involves(String department) {
        return department != null && (department.equals(leadDepartment) || coDepartments.contains(department));
    }

    /** Whether this department has a co-handling part open on the ticket. */
    public boolean hasOpenPart(String department) {
        return department != null && openParts.contains(department);
    }

    Ticket withCoHandling(List<String> departments, List<String> open, List<Contribution> answers) {
        return new Ticket(id, visitId, enterpriseCreditCode, enterpriseName, town, reporter, category, title,
                description, urgency, source, status, leadDepartment, departments, reportedAt, assignedAt, signedAt,
                repliedAt, closedAt, signLimit, replyLimit, signDeadline, replyDeadline, overdue, clocks, reopenCount,
                returnCount, escalationLevel, satisfaction, resolution, outcome, resolvedOnSite, processInstanceId,
                open, extensionRequest, answers);
    }
}
