package org.sanfu.stats;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sanfu.SanfuProperties;
import org.sanfu.catalog.Catalog;
import org.springframework.stereotype.Component;

/**
 * The ranking as the tickets stand now (月度赛马): the departments' places and medals, and the towns' red cards.
 * Its own component, apart from {@link StatsService}, because the archiver ({@link MonthlyRankings}) and through
 * it the talks ({@link Talks}) compute it too, and the service reads the talks.
 */
@Component
class RankingsNow {

    private final TicketFigures figures;
    private final Catalog catalog;
    private final RankingPolicy policy;
    private final ZoneId zone;

    RankingsNow(TicketFigures figures, Catalog catalog, RankingProperties ranking, RedCardProperties redCard,
            SanfuProperties properties) {
        this.figures = figures;
        this.catalog = catalog;
        this.policy = new RankingPolicy(ranking, redCard);
        this.zone = properties.zone();
    }

    /** The month's ranking (the tickets reported in it), computed now. */
    Ranking month(YearMonth month) {
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        return of(TicketFilter.reportedBetween(from, to), month.toString());
    }

    /** The ranking over any period, labelled as given (the weekly briefing ranks its week). */
    Ranking of(TicketFilter period, String label) {
        TicketFigures.Grouped grouped = figures.grouped(period, TicketFigures.Grouping.DEPARTMENT,
                TicketFigures.Grouping.TOWN);
        Map<String, Figures.Counts> byDepartment = grouped.by(TicketFigures.Grouping.DEPARTMENT);
        Map<String, Figures.Counts> departments = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (String code : catalog.departmentCodes()) {
            if (catalog.isHandlingDepartment(code)) {
                departments.put(code, byDepartment.getOrDefault(code, Figures.Counts.none()));
                labels.put(code, catalog.departmentLabel(code));
            }
        }
        List<Ranking.RedCard> redCards = grouped.by(TicketFigures.Grouping.TOWN).entrySet().stream()
                .map(e -> policy.redCard(e.getKey(), e.getValue())).filter(Objects::nonNull).toList();
        return new Ranking(label, policy.rank(departments, labels), redCards);
    }
}
