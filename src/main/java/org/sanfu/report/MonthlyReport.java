package org.sanfu.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.sanfu.stats.Breakdown;
import org.sanfu.stats.Figures;
import org.sanfu.stats.Ranking;
import org.sanfu.stats.Talk;
import org.sanfu.systemic.SystemicProblem;

/**
 * The monthly report (月度通报) for the monthly meeting (月例会): the sections of the weekly briefing over a
 * month (tickets reported that month), its ranking as the dashboard gives it, with its 金牌店小二, 蜗牛店小二
 * and red cards, and the talks (约谈) recorded for it. {@code overdueCount}: all the open overdue tickets, of which
 * {@code overdue} lists the first {@link ReportQueries#MAX_LINES}, as {@code resolved} lists the first of
 * {@code closedThisMonth}.
 */
public record MonthlyReport(String month, LocalDate from, LocalDate to, Instant generatedAt, Figures headline,
        int closedThisMonth, List<Breakdown> byCategory, List<Breakdown> byDepartment, Ranking ranking,
        List<TicketLine> overdue, long overdueCount, List<TicketLine> resolved, List<SystemicProblem> systemicProblems,
        List<Talk> talks) {
}
