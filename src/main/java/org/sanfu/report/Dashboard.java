package org.sanfu.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.sanfu.stats.Breakdown;
import org.sanfu.stats.Figures;
import org.sanfu.stats.Ranking;
import org.sanfu.stats.RankingProperties;
import org.sanfu.stats.Summary;
import org.sanfu.ticket.TicketStatus;
import org.sanfu.ticket.TicketView;
import org.sanfu.web.PageResult;
import org.sanfu.web.When;

/**
 * What the leaders' dashboard shows, already in words and formatted numbers, so that the template
 * only places text (always with {@code th:text}, which escapes it). Rates are percentages with one
 * decimal; a figure with nothing to measure shows as {@link #NONE}.
 */
record Dashboard(
        String scope,
        List<Figure> counts,
        List<Figure> rates,
        Chart byCategory,
        Chart byDepartment,
        Chart bySource,
        String month,
        String monthLabel,
        String rankingStored,
        List<RankRow> ranking,
        List<RedCardRow> redCards,
        long overdueTotal,
        List<OverdueRow> overdue,
        String overdueListLink,
        String closedListLink) {

    /** Shown for a rate or median whose denominator is 0. */
    static final String NONE = "—";

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /**
     * One headline figure; {@code id} is the element id on the page and the field name in the API;
     * {@code link} the tickets it counts (null where no list shows them).
     */
    record Figure(String id, String label, String value, String unit, String hint, boolean alert, String link) {

        Figure(String id, String label, String value, String unit, String hint, boolean alert) {
            this(id, label, value, unit, hint, alert, null);
        }
    }

    /**
     * A bar chart's data: per label the closed tickets, the open ones still within their deadlines,
     * and the open overdue ones; the three add up to the label's total. {@code links}: per label the
     * tickets it counts (its label is clicked), and {@code closedLinks}, {@code openInTimeLinks},
     * {@code overdueOpenLinks} those of each part of its bar (a part is clicked); all null for a chart
     * whose key no list filters by.
     */
    record Chart(List<String> labels, List<Long> closed, List<Long> openInTime, List<Long> overdueOpen,
            List<String> links, List<String> closedLinks, List<String> openInTimeLinks,
            List<String> overdueOpenLinks) {

        /** @param keyParameter the list's parameter that takes the chart's keys, null for none */
        static Chart of(List<Breakdown> breakdown, TicketLinks links, String keyParameter) {
            return new Chart(
                    breakdown.stream().map(Breakdown::label).toList(),
                    breakdown.stream().map(b -> b.figures().closed()).toList(),
                    breakdown.stream().map(b -> b.figures().open() - b.figures().overdueOpen()).toList(),
                    breakdown.stream().map(b -> b.figures().overdueOpen()).toList(),
                    links(breakdown, links, keyParameter),
                    links(breakdown, links, keyParameter, "open", "false"),
                    // the figures' overdueOpen is TicketFacts.OPEN_OVERDUE: not CLOSED and flagged overdue
                    links(breakdown, links, keyParameter, "open", "true", "overdue", "false"),
                    links(breakdown, links, keyParameter, "open", "true", "overdue", "true"));
        }

        private static List<String> links(List<Breakdown> breakdown, TicketLinks links, String keyParameter,
                String... narrowing) {
            if (keyParameter == null) {
                return null;
            }
            return breakdown.stream().map(b -> links.and(keyParameter, b.key()).with(narrowing)).toList();
        }
    }

    /**
     * A department's line in the month's ranking; rank is 未排名 for one with too few tickets. {@code rankingTickets}
     * (参与排名件数): the tickets the minimum counted, the returned ones included, so that a department ranked with a
     * 总数 under the minimum shows why; — for a month stored before it was kept. {@code moreThanTotal}: it counts more
     * than 总数, which the note under the table then explains.
     */
    record RankRow(String key, String rank, String label, long total, String rankingTickets, boolean moreThanTotal,
            long closed, long overdueOpen,
            String onTimeSignRate, String onTimeCloseRate, String satisfactionRate, String reopenRate,
            String returnRate, String score, String medal, String medalClass, String link) {}

    /** A town shown a red card (亮红牌), with its reasons in words and a link to its month's tickets. */
    record RedCardRow(String town, long total, List<String> reasons, String link) {}

    /**
     * An open overdue ticket, linked to its detail; {@code status} is the code, named on the page by the
     * bundle's {@code label.status.*} as every other page names it. {@code missed}: which deadlines it missed
     * ("sign", "reply"), named by {@code label.missed.*} as the ticket page's badges name them (签收超期, 答复超期):
     * a ticket not yet signed, or signed late, is overdue while its reply deadline, the column beside it, may be
     * days ahead. "earlier" (此前超期) for one overdue on a deadline since restarted: reopened, or reassigned to a
     * new lead; 超期 stays on it, and the column beside it would otherwise show a deadline ahead and nothing missed.
     */
    record OverdueRow(String id, String enterpriseName, String categoryLabel, String title, String department,
            TicketStatus status, List<String> missed, String replyDeadline) {}

    static Dashboard of(String scope, Summary summary, Ranking ranking, PageResult<TicketView> overdue,
            Function<String, String> departmentLabel, ZoneId zone, TicketLinks links) {
        Figures f = summary.figures();
        List<Figure> counts = List.of(
                new Figure("total", "总数", count(f.total()), "件", "期间内反映的问题（按反映时间计）", false,
                        links.with()),
                new Figure("open", "在办", count(f.open()), "件", "尚未销号", false, links.with("open", "true")),
                new Figure("closed", "办结", count(f.closed()), "件", "已销号", false,
                        links.with("status", TicketStatus.CLOSED.name())),
                new Figure("overdueOpen", "超期在办", count(f.overdueOpen()), "件", "未销号且已超过期限",
                        f.overdueOpen() > 0, "#overdue"));
        List<Figure> rates = List.of(
                new Figure("closeRate", "办结率", percent(f.closeRate()), "", "办结 / 总数", false),
                new Figure("onTimeSignRate", "按时签收率", percent(f.onTimeSignRate()), "", "按时签收 / 已签收", false),
                // as GLOSSARY defines it: replied by the reply deadline, or struck off by a leader's ruling by then
                // (stats.FigureRollup.closedOnTime); a caption longer than its card's line pushes the charts down
                new Figure("onTimeCloseRate", "按时办结率", percent(f.onTimeCloseRate()), "", "按期办结 / 办结", false),
                new Figure("satisfactionRate", "满意率", percent(f.satisfactionRate()), "",
                        "（满意 + 基本满意）/ 已评价", false),
                new Figure("reopenRate", "重办率", percent(f.reopenRate()), "", "重办过的 / 已答复", false),
                new Figure("returnRate", "退单率", percent(f.returnRate()), "", "退回过的 / 已交办", false),
                // in days, as leaders count a ticket's life (the API keeps its hours); the id stays the contract's
                new Figure("medianHoursToClose", "办结时长中位数", days(f.medianHoursToClose()),
                        f.medianHoursToClose() == null ? "" : "天", "从反映到销号（按自然日计）", false));
        YearMonth month = YearMonth.parse(ranking.month());
        return new Dashboard(scope, counts, rates,
                Chart.of(summary.byCategory(), links, "category"),
                Chart.of(summary.byDepartment(), links, "leadDepartment"),
                Chart.of(summary.bySource(), links, null),
                ranking.month(), When.month(month),
                ranking.storedAt() == null ? null : MINUTES.format(ranking.storedAt().atZone(zone)),
                ranking.departments().stream().map(d -> rankRow(d, month)).toList(),
                ranking.redCards().stream().map(c -> redCardRow(c, month)).toList(),
                overdue.total(),
                overdue.items().stream().map(t -> overdueRow(t, departmentLabel, zone)).toList(),
                // the panels below show the first few only: their whole lists, in the figures' scope
                links.with("open", "true", "overdue", "true"),
                links.with("status", TicketStatus.CLOSED.name()));
    }

    private static RankRow rankRow(Ranking.DepartmentRank d, YearMonth month) {
        Figures f = d.figures();
        String medal = d.medal() == null ? "" : switch (d.medal()) {
            case GOLD -> "金牌店小二";
            case SNAIL -> "蜗牛店小二";
        };
        String medalClass = d.medal() == null ? "" : "medal medal-" + d.medal().name().toLowerCase();
        Long counted = d.rankingTickets();
        return new RankRow(d.key(), d.rank() == null ? "未排名" : String.valueOf(d.rank()), d.label(), f.total(),
                counted == null ? NONE : String.valueOf(counted), counted != null && counted > f.total(), f.closed(), f.overdueOpen(), percent(f.onTimeSignRate()), percent(f.onTimeCloseRate()),
                percent(f.satisfactionRate()), percent(f.reopenRate()), percent(f.returnRate()), decimal(d.score()),
                medal, medalClass, TicketLinks.ofMonth(month, "leadDepartment", d.key()));
    }

    private static RedCardRow redCardRow(Ranking.RedCard card, YearMonth month) {
        List<String> reasons = card.reasons().stream().map(reason -> switch (reason) {
            case "OVERDUE" -> "超期比例 " + percent(card.overdueRate());
            case "SATISFACTION" -> "满意率 " + percent(card.satisfactionRate());
            default -> reason;
        }).toList();
        return new RedCardRow(card.town(), card.total(), reasons, TicketLinks.ofMonth(month, "town", card.town()));
    }

    private static OverdueRow overdueRow(TicketView t, Function<String, String> departmentLabel, ZoneId zone) {
        return new OverdueRow(t.id(), t.enterpriseName(), t.categoryLabel(), t.title(),
                t.leadDepartment() == null ? "尚未交办" : departmentLabel.apply(t.leadDepartment()),
                t.status(), missed(t), dateTime(t.replyDeadline(), zone));
    }

    private static List<String> missed(TicketView t) {
        return t.overdueEarlierOnly() ? List.of("earlier") : TicketLine.missed(t.signOverdue(), t.replyOverdue());
    }

    static String count(long n) {
        return Long.toString(n);
    }

    /** 0.6667 → "66.7%"; null → "—". */
    static String percent(Double rate) {
        return rate == null ? NONE
                : BigDecimal.valueOf(rate).movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /**
     * Hours as days to a tenth, without a needless ".0": 170.2 → "7.1", 168.0 → "7", 1.0 → "不足 0.1" (not "0");
     * null (no closed ticket) → "—". A median is never "0": the API gives hours to a tenth, so its 0.0 is a
     * median under three minutes, tickets closed within minutes of being reported, which is "不足 0.1" too.
     */
    static String days(Double hours) {
        if (hours == null) {
            return NONE;
        }
        BigDecimal days = BigDecimal.valueOf(hours).divide(BigDecimal.valueOf(24), 1, RoundingMode.HALF_UP);
        if (days.signum() == 0) {
            return "不足 0.1";
        }
        return days.stripTrailingZeros().toPlainString();
    }

    /** 80.0 → "80.0" (a score); null → "—". */
    static String decimal(Double value) {
        return value == null ? NONE : BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * How a department's 得分 is made, in words, from the configured weights: the ranking's order is by it (the dashboard's
     * and the briefings'),
     * and a leader reading 90.5 beside 92.0 asks what it is made of. Each weight is said as its share of the
     * weights' sum (the score is their weighted mean); a rate without a value drops out, the rest re-weighed.
     * The two on-time rates it takes count the tickets still unsigned or unanswered past their deadline as late
     * ({@code Figures.Counts#dueSignRate}), which the table's columns do not: said, or the score would not add up.
     */
    static String scoreFormula(RankingProperties.Weights w) {
        List<Map.Entry<String, Double>> weights = List.of(Map.entry("按时办结率", w.onTimeClose()),
                Map.entry("按时签收率", w.onTimeSign()), Map.entry("满意率", w.satisfaction()),
                Map.entry("（1 − 重办率）", w.reopen()), Map.entry("（1 − 退单率）", w.returned()));
        double sum = weights.stream().mapToDouble(Map.Entry::getValue).sum();
        List<String> parts = weights.stream().filter(weight -> weight.getValue() > 0)
                .map(weight -> weight.getKey() + " × "
                        + Dashboard.decimal(100 * weight.getValue() / sum).replaceAll("\\.0$", "") + "%")
                .toList();
        return "得分（满分 100）＝" + String.join(" ＋ ", parts)
                + "。计分时超期未签收、超期未办结的事项也算未按时，故这两项可能低于表中的比率；无从计算的一项不计，"
                + "其余按权重折算。按得分从高到低排名，同分名次并列。";
    }

    private static String dateTime(Instant instant, ZoneId zone) {
        return instant == null ? NONE : MINUTES.format(instant.atZone(zone));
    }
}
