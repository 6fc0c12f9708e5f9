package org.sanfu.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.sanfu.stats.Breakdown;
import org.sanfu.stats.Figures;
import org.sanfu.stats.Ranking;
import org.sanfu.systemic.SystemicProblem;

/**
 * The weekly briefing (周简报): the week's headline figures (tickets reported that week), by category
 * and department, the departments' scores over the week (its {@code ranking}: the titles are the month's, which
 * {@link WeeklyBriefings#of} adds as {@code monthRanking} when read), the open overdue tickets when it was
 * compiled ({@code overdueCount} of them in all, where {@code overdue} lists the first
 * {@link ReportQueries#MAX_LINES}), and the cases closed that week (the first ones, {@code closedThisWeek} in all);
 * and the systemic problems (共性问题) waiting for dispatch when it was compiled or confirmed that week, with their
 * member tickets.
 */
public record WeeklyBriefing(String week, LocalDate from, LocalDate to, Instant generatedAt, Figures headline,
        int closedThisWeek, List<Breakdown> byCategory, List<Breakdown> byDepartment, Ranking ranking,
        List<TicketLine> overdue, long overdueCount, List<TicketLine> resolved,
        List<SystemicProblem> systemicProblems) {
}
