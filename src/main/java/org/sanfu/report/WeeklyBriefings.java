package org.sanfu.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.sanfu.Message;
import org.sanfu.SanfuProperties;
import org.sanfu.stats.StatsService;
import org.sanfu.stats.Summary;
import org.sanfu.stats.TicketFilter;
import org.sanfu.systemic.SystemicQueries;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.IsoWeek;
import org.sanfu.web.QueryParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Compiles weekly briefings, stores last week's every Monday morning (bpmn/briefing.bpmn calls
 * {@code ${weeklyBriefings.compileLastWeek()}}), and serves a stored week as it was stored.
 */
@Service("weeklyBriefings")
public class WeeklyBriefings {

    private static final Logger log = LoggerFactory.getLogger(WeeklyBriefings.class);

    private final StatsService stats;
    private final ReportQueries queries;
    private final Briefings briefings;
    private final ObjectMapper json;
    private final ZoneId zone;
    private final Clock clock;
    private final SystemicQueries systemic;

    private final QueryParams params;

    WeeklyBriefings(StatsService stats, ReportQueries queries, Briefings briefings, ObjectMapper json,
            SanfuProperties properties, Clock clock, SystemicQueries systemic, QueryParams params) {
        this.params = params;
        this.systemic = systemic;
        this.stats = stats;
        this.queries = queries;
        this.briefings = briefings;
        this.json = json;
        this.zone = properties.zone();
        this.clock = clock;
    }

    /** Today in the service's zone, by the injected clock. */
    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /**
     * The week a reader asks for: {@code 2020-W24}, no earlier than the service's earliest date and begun by the
     * injected clock (the week under way is read as it stands so far); last week when not given. 400 naming
     * {@code week} otherwise, a week not begun with {@code sanfu.report.week-not-begun}: it has no briefing.
     */
    public IsoWeek week(String week) {
        if (week == null || week.isBlank()) {
            return IsoWeek.of(today()).previous();
        }
        IsoWeek which = IsoWeek.parse(week.strip());
        if (which == null) {
            throw InvalidInput.of("week", Message.of("sanfu.validation.week"));
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        params.within(errors, "week", which.monday(), which.sunday());
        // a week not begun has no briefing, as a month not begun has no report; the week under way has one so far
        if (!errors.has("week") && which.monday().isAfter(today())) {
            errors.add("week", Message.of("sanfu.report.week-not-begun", "year", which.year(), "week", which.week()));
        }
        errors.throwIfAny();
        return which;
    }

    /**
     * The stored briefing of the week, or one compiled now for a week not stored (yet); with {@code monthRanking},
     * the ranking of its month ({@link #monthOf}) as {@link StatsService#ranking(YearMonth)} gives it when asked
     * (stored once the month closed, live till then), never stored with the week: 金牌店小二, 蜗牛店小二 and
     * 亮红牌 are the month's, the same on the dashboard, in the monthly report and here. The week's own
     * {@code ranking} ranks its tickets alone and awards nothing the renderers show.
     */
    @Transactional(readOnly = true)
    public JsonNode of(IsoWeek week) {
        ObjectNode briefing;
        try {
            String stored = briefings.find(week).orElse(null);
            briefing = stored != null ? (ObjectNode) json.readTree(stored) : json.valueToTree(compile(week));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored briefing of " + week + " is unreadable", e);
        }
        briefing.set("monthRanking", json.valueToTree(stats.ranking(monthOf(week))));
        return briefing;
    }

    /**
     * The month a week's briefing carries the ranking of, and the dashboard it leads to shows: the month of its
     * Thursday, which holds most of its days.
     */
    static YearMonth monthOf(IsoWeek week) {
        return YearMonth.from(week.monday().plusDays(3));
    }

    /** Called by the briefing process on Monday morning: last week's briefing, stored once. */
    @Transactional
    public void compileLastWeek() {
        IsoWeek last = IsoWeek.of(today()).previous();
        WeeklyBriefing briefing = compile(last);
        try {
            if (briefings.store(last, briefing.generatedAt(), json.writeValueAsString(briefing))) {
                log.info("weekly briefing {} stored: {} problems, {} closed", last, briefing.headline().total(),
                        briefing.closedThisWeek());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write briefing " + last, e);
        }
    }

    WeeklyBriefing compile(IsoWeek week) {
        Instant from = week.monday().atStartOfDay(zone).toInstant();
        Instant to = week.sunday().plusDays(1).atStartOfDay(zone).toInstant();
        TicketFilter period = TicketFilter.reportedBetween(from, to);
        Summary summary = stats.summary(period);
        var resolved = queries.closedBetween(from, to);
        var overdue = queries.openOverdue();
        return new WeeklyBriefing(week.toString(), week.monday(), week.sunday(), clock.instant(), summary.figures(),
                (int) queries.countClosedBetween(from, to), summary.byCategory(), summary.byDepartment(), stats.ranking(period, week.toString()),
                overdue, queries.countOpenOverdue(overdue), resolved, systemic.activeBetween(from, to));
    }
}
