package org.sanfu.systemic;

import java.time.Instant;
import java.util.List;

/**
 * A systemic problem (共性问题) as API.md shows it: its member tickets, their enterprises' number and
 * towns, when they were first and last reported, and the case ticket once confirmed.
 */
public record SystemicProblem(
        String id,
        String category,
        String categoryLabel,
        String title,
        SystemicStatus status,
        int enterpriseCount,
        List<String> towns,
        List<String> ticketIds,
        Instant firstReportedAt,
        Instant lastReportedAt,
        String caseTicketId,
        String leadDepartment,
        String note,
        String dismissReason,
        String decidedBy,
        Instant decidedAt,
        Instant proposedAt) {
}
