package org.sanfu.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.sanfu.SanfuProperties;
import org.sanfu.systemic.SystemicQueries;
import org.sanfu.calendar.WorkingDayCalendar;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Compiles the daily review (日研判) of a date in the service's zone. */
@Service
@Transactional(readOnly = true)
public class DailyDigests {

    /** A problem raised again within this many days counts as repeated. */
    static final Duration REPEAT_WINDOW = Duration.ofDays(30);

    private final ReportQueries queries;
    private final SystemicQueries systemic;
    private final WorkingDayCalendar calendar;
    private final ZoneId zone;

    DailyDigests(ReportQueries queries, WorkingDayCalendar calendar, SanfuProperties properties,
            SystemicQueries systemic) {
        this.queries = queries;
        this.systemic = systemic;
        this.calendar = calendar;
        this.zone = properties.zone();
    }

    public DailyDigest of(LocalDate date) {
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        LocalDate next = date.plusDays(1);
        while (!calendar.isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        List<TicketLine> reported = queries.reportedBetween(from, to);
        Map<String, DailyDigest.RepeatedProblem.Earlier> earlier =
                queries.earlierOfSameKind(from, to, from.minus(REPEAT_WINDOW));
        List<DailyDigest.RepeatedProblem> repeated = reported.stream().filter(t -> earlier.containsKey(t.id()))
                .map(t -> new DailyDigest.RepeatedProblem(t, earlier.get(t.id()))).toList();
        return new DailyDigest(date, reported, queries.closedBetween(from, to), queries.openOverdueAt(to), next,
                queries.dueBetween(next.atStartOfDay(zone).toInstant(), next.plusDays(1).atStartOfDay(zone).toInstant()),
                queries.turnedAbnormal(from, to), repeated, systemic.activeBetween(from, to));
    }
}
