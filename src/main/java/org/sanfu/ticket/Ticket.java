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
        int reopenCount,
        int returnCount,
        String escalationLevel,
        Satisfaction satisfaction,
        String resolution,
        Outcome outcome,
        boolean resolvedOnSite,
        String processInstanceId) {

    /** Whether this department leads the ticket or co-handles it. */
    public boolean involves(String department) {
        return department != null && (department.equals(leadDepartment) || coDepartments.contains(department));
    }

    Ticket withCoDepartments(List<String> departments) {
        return new Ticket(id, visitId, enterpriseCreditCode, enterpriseName, town, reporter, category, title,
                description, urgency, source, status, leadDepartment, departments, reportedAt, assignedAt, signedAt,
                repliedAt, closedAt, signLimit, replyLimit, signDeadline, replyDeadline, overdue, reopenCount,
                returnCount, escalationLevel, satisfaction, resolution, outcome, resolvedOnSite, processInstanceId);
    }
}
