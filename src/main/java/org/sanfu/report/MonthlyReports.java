package org.sanfu.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.sanfu.Message;
import org.sanfu.SanfuProperties;
import org.sanfu.stats.StatsParameters;
import org.sanfu.stats.StatsService;
import org.sanfu.stats.Summary;
import org.sanfu.stats.Talks;
import org.sanfu.stats.TicketFilter;
import org.sanfu.systemic.SystemicQueries;
import org.sanfu.web.InvalidInput;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Compiles the monthly report (月度通报) of a month when it is asked for: it is not stored. */
@Service
class MonthlyReports {

    private final StatsService stats;
    private final StatsParameters parameters;
    private final ReportQueries queries;
    private final SystemicQueries systemic;
    private final Talks talks;
    private final ZoneId zone;
    private final Clock clock;
    private final ObjectMapper json;

    MonthlyReports(StatsService stats, StatsParameters parameters, ReportQueries queries, SystemicQueries systemic,
            Talks talks, SanfuProperties properties, Clock clock, ObjectMapper json) {
        this.json = json;
        this.stats = stats;
        this.parameters = parameters;
        this.queries = queries;
        this.systemic = systemic;
        this.talks = talks;
        this.zone = properties.zone();
        this.clock = clock;
    }

    /**
     * The month a reader asks for: {@code 2020-06}, within the service's dates and begun by the injected clock (the
     * month under way is read as it stands so far); last month when not given. 400 naming {@code month} otherwise,
     * a month not begun with {@code sanfu.report.month-not-begun}: it has no report.
     */
    YearMonth month(String month) {
        if (month == null || month.isBlank()) {
            return parameters.currentMonth().minusMonths(1);
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        YearMonth which = parameters.requiredMonth(errors, "month", month);
        // a month not begun has no report: an empty one without a word would read as a month with nothing reported
        // (the talks refuse it the same way)
        if (which != null && which.isAfter(parameters.currentMonth())) {
            errors.add("month", Message.of("sanfu.report.month-not-begun", "month",
                    Message.of("sanfu.talk.month", "year", which.getYear(), "month", which.getMonthValue())));
        }
        errors.throwIfAny();
        return which;
    }

    /** The month's report as the API answers it, and its renderers read it. */
    @Transactional(readOnly = true)
    JsonNode of(YearMonth month) {
        return json.valueToTree(compile(month));
    }

    private MonthlyReport compile(YearMonth month) {
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Summary summary = stats.summary(TicketFilter.reportedBetween(from, to));
        List<TicketLine> overdue = queries.openOverdue();
        return new MonthlyReport(month.toString(), month.atDay(1), month.atEndOfMonth(), clock.instant(),
                summary.figures(), (int) queries.countClosedBetween(from, to), summary.byCategory(),
                summary.byDepartment(), stats.ranking(month), overdue, queries.countOpenOverdue(overdue),
                queries.closedBetween(from, to),
                systemic.activeBetween(from, to), talks.of(month, month));
    }
}
