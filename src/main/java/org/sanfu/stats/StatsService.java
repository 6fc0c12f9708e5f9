package org.sanfu.stats;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sanfu.PinyinOrder;
import org.sanfu.catalog.Catalog;
import org.sanfu.ticket.ChannelCodes;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The leaders' figures: summary, ranking and red cards, for the dashboard, the API and the briefing. */
@Service
@Transactional(readOnly = true)
public class StatsService {

    private final TicketFigures figures;
    private final Catalog catalog;
    private final ChannelCodes channels;
    private final Talks talks;
    private final MonthlyRankings monthly;
    private final RankingsNow rankingsNow;

    StatsService(TicketFigures figures, Catalog catalog, ChannelCodes channels, Talks talks, MonthlyRankings monthly,
            RankingsNow rankingsNow) {
        this.channels = channels;
        this.talks = talks;
        this.monthly = monthly;
        this.rankingsNow = rankingsNow;
        this.figures = figures;
        this.catalog = catalog;
    }

    public Summary summary(TicketFilter filter) {
        TicketFigures.Grouped grouped = figures.grouped(filter, TicketFigures.Grouping.CATEGORY,
                TicketFigures.Grouping.DEPARTMENT, TicketFigures.Grouping.TOWN, TicketFigures.Grouping.SOURCE);
        return new Summary(grouped.total().figures(),
                breakdown(grouped.by(TicketFigures.Grouping.CATEGORY), catalog::categoryLabel),
                breakdown(grouped.by(TicketFigures.Grouping.DEPARTMENT), catalog::departmentLabel),
                // towns in pinyin order, as people look a name up; categories, departments and sources by their codes
                breakdown(grouped.by(TicketFigures.Grouping.TOWN), town -> town).stream()
                        .sorted(Comparator.comparing(Breakdown::key, PinyinOrder.comparator())).toList(),
                breakdown(grouped.by(TicketFigures.Grouping.SOURCE), channels::labelOf));
    }

    /**
     * The month's ranking of the handling departments (tickets reported that month) and red cards: as stored
     * when the month closed ({@link MonthlyRankings}), or computed now for a month not stored (yet).
     */
    public Ranking ranking(YearMonth month) {
        return monthly.of(month);
    }

    /**
     * The quarter's honour roll: the ranking of each of its months up to the current one (that one
     * marked incomplete) with the talks (约谈) recorded for it, and each department's and town's count of
     * medals and red cards in it.
     */
    public Medals medals(YearMonth firstMonth, YearMonth current) {
        Map<String, List<Talk>> talksByMonth = talks.of(firstMonth, firstMonth.plusMonths(2)).stream()
                .collect(Collectors.groupingBy(Talk::month));
        List<Medals.Month> months = new ArrayList<>();
        Map<String, int[]> departments = new LinkedHashMap<>();
        Map<String, String> labels = new HashMap<>();
        Map<String, Integer> towns = new LinkedHashMap<>();
        for (YearMonth month = firstMonth; month.isBefore(firstMonth.plusMonths(3)) && !month.isAfter(current);
                month = month.plusMonths(1)) {
            Ranking ranking = ranking(month);
            List<Medals.Medalist> gold = new ArrayList<>();
            List<Medals.Medalist> snail = new ArrayList<>();
            for (Ranking.DepartmentRank d : ranking.departments()) {
                if (d.medal() == null) {
                    continue;
                }
                (d.medal() == Ranking.Medal.GOLD ? gold : snail).add(
                        new Medals.Medalist(d.key(), d.label(), d.score(), d.rank()));
                departments.computeIfAbsent(d.key(), k -> new int[2])[d.medal() == Ranking.Medal.GOLD ? 0 : 1]++;
                labels.put(d.key(), d.label());
            }
            List<String> redCards = ranking.redCards().stream().map(Ranking.RedCard::town).toList();
            redCards.forEach(town -> towns.merge(town, 1, Integer::sum));
            months.add(new Medals.Month(month.toString(), month.isBefore(current), gold, snail, redCards,
                    talksByMonth.getOrDefault(month.toString(), List.of())));
        }
        List<Medals.DepartmentTally> tally = departments.entrySet().stream()
                .map(e -> new Medals.DepartmentTally(e.getKey(), labels.get(e.getKey()), e.getValue()[0],
                        e.getValue()[1]))
                .sorted(Comparator.comparingInt(Medals.DepartmentTally::gold).reversed()
                        .thenComparingInt(Medals.DepartmentTally::snail).thenComparing(Medals.DepartmentTally::key))
                .toList();
        List<Medals.TownTally> townTally = towns.entrySet().stream()
                .map(e -> new Medals.TownTally(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(Medals.TownTally::redCards).reversed()
                        .thenComparing(Medals.TownTally::town))
                .toList();
        int quarter = (firstMonth.getMonthValue() - 1) / 3 + 1;
        return new Medals(firstMonth.getYear() + "-Q" + quarter, firstMonth.atDay(1),
                firstMonth.plusMonths(2).atEndOfMonth(), months, tally, townTally);
    }

    /** The ranking over any period, labelled as given (the weekly briefing ranks its week). */
    public Ranking ranking(TicketFilter period, String label) {
        return rankingsNow.of(period, label);
    }

    private static List<Breakdown> breakdown(Map<String, Figures.Counts> grouped,
            java.util.function.Function<String, String> label) {
        return grouped.entrySet().stream()
                .filter(e -> e.getKey() != null)
                .map(e -> new Breakdown(e.getKey(), label.apply(e.getKey()), e.getValue().figures()))
                .toList();
    }
}
