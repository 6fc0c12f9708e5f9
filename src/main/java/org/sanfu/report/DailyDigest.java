package org.sanfu.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.sanfu.systemic.SystemicProblem;

/**
 * The daily review (日研判): tickets reported and closed that day, the tickets open and overdue at
 * the end of that day (for today: now), tickets due on the next working day, enterprises whose visit that day turned ABNORMAL, and problems an
 * enterprise raised again within 30 days; and the systemic problems (共性问题) proposed by that day's
 * end and still waiting for dispatch, or confirmed that day, with their member tickets.
 */
public record DailyDigest(
        LocalDate date,
        @JsonProperty("new") List<TicketLine> reported,
        List<TicketLine> closed,
        List<TicketLine> overdue,
        LocalDate nextWorkingDay,
        List<TicketLine> dueNextWorkingDay,
        List<AbnormalEnterprise> newlyAbnormal,
        List<RepeatedProblem> repeated,
        List<SystemicProblem> systemicProblems) {

    /** An enterprise seen ABNORMAL on a visit that day, after a visit that saw it otherwise (or none). */
    public record AbnormalEnterprise(String creditCode, String name, String town, String visitId, Instant visitedAt,
            String previousStatus) {}

    /**
     * A ticket reported that day, and the same enterprise's tickets of its category in the 30 days before:
     * how many, and the ids of the most recent of them (ReportQueries.MAX_EARLIER at most), in id order.
     */
    public record RepeatedProblem(TicketLine ticket, List<String> earlierTicketIds, int earlierCount) {

        RepeatedProblem(TicketLine ticket, Earlier earlier) {
            this(ticket, earlier.ids(), earlier.count());
        }

        record Earlier(List<String> ids, int count) {}
    }
}
