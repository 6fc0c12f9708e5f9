package org.sanfu.report;

import java.time.Instant;

/** A ticket as the reports list it. */
public record TicketLine(String id, String enterpriseCreditCode, String enterpriseName, String town, String category,
        String categoryLabel, String title, String status, String leadDepartment, String leadDepartmentLabel,
        Instant reportedAt, Instant signDeadline, Instant replyDeadline, Instant closedAt, String resolution,
        String satisfaction) {
}
