package org.sanfu.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How departments are scored and ranked, and towns red-carded, from their counts and the
 * configured weights and lines. The score is the weighted mean of the rates a department has
 * (reopen and return rates count against it), as 0..100; a rate it has no tickets for is left out
 * of the mean rather than counted as 0 or 1. For the score, tickets still unsigned past their sign
 * deadline count as signed late, and open tickets past their reply deadline as closed late: what a
 * department has not done is not left out of its rates.
 */
final class RankingPolicy {

    /** 排名后三位: the county's 蜗牛店小二 are the last three departments of the month. */
    static final int SNAILS = 3;

    private final RankingProperties ranking;
    private final RedCardProperties redCard;

    RankingPolicy(RankingProperties ranking, RedCardProperties redCard) {
        this.ranking = ranking;
        this.redCard = redCard;
    }

    Double score(Figures.Counts c) {
        Figures f = c.figures();
        RankingProperties.Weights w = ranking.weights();
        double sum = 0;
        double weights = 0;
        double[][] parts = {
                {w.onTimeClose(), value(c.dueCloseRate())},
                {w.onTimeSign(), value(c.dueSignRate())},
                {w.satisfaction(), value(f.satisfactionRate())},
                {w.reopen(), f.reopenRate() == null ? Double.NaN : 1 - f.reopenRate()},
                {w.returned(), f.returnRate() == null ? Double.NaN : 1 - f.returnRate()}};
        for (double[] part : parts) {
            if (!Double.isNaN(part[1]) && part[0] > 0) {
                sum += part[0] * part[1];
                weights += part[0];
            }
        }
        return weights == 0 ? null
                : BigDecimal.valueOf(100 * sum / weights).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    /**
     * Ranks the departments with enough tickets (led now, or assigned to them in the period) and something due ({@link #somethingDue}) by score (ties
     * share a rank), and gives the medals.
     * GOLD goes to the first places ({@code sanfu.ranking.golds}, the first alone by default) only if
     * the score reaches the configured floor and the department closed at least one ticket on time: a
     * department that solved nothing in time is best at nothing. SNAIL goes to the last three places
     * ({@link #SNAILS}) only where enough departments are ranked for that to single some out, and never
     * to a GOLD; a department tied with one outside the last three shares its rank and stays out with
     * it, so equal scores always earn the same medal. The rest are listed after them, unranked.
     */
    List<Ranking.DepartmentRank> rank(Map<String, Figures.Counts> departments, Map<String, String> labels) {
        List<Ranking.DepartmentRank> scored = new ArrayList<>();
        List<Ranking.DepartmentRank> unranked = new ArrayList<>();
        Map<String, Figures.Counts> counts = new HashMap<>();
        departments.forEach((key, c) -> {
            Double score = score(c);
            Figures figures = c.figures();
            long tickets = rankingTickets(c);
            if (tickets >= ranking.minTickets() && score != null && somethingDue(c)) {
                scored.add(new Ranking.DepartmentRank(key, labels.get(key), figures, score, null, null, tickets));
                counts.put(key, c);
            } else {
                unranked.add(new Ranking.DepartmentRank(key, labels.get(key), figures, null, null, null, tickets));
            }
        });
        scored.sort(Comparator.comparing(Ranking.DepartmentRank::score).reversed()
                .thenComparing(Ranking.DepartmentRank::key));
        int n = scored.size();
        boolean snails = n >= ranking.snailMinRanked();
        List<Ranking.DepartmentRank> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Ranking.DepartmentRank d = scored.get(i);
            int rank = i > 0 && d.score().equals(scored.get(i - 1).score()) ? result.get(i - 1).rank() : i + 1;
            Ranking.Medal medal = rank <= ranking.golds() && earnsGold(d.score(), counts.get(d.key()))
                    ? Ranking.Medal.GOLD
                    : snails && rank > n - SNAILS ? Ranking.Medal.SNAIL : null;
            result.add(new Ranking.DepartmentRank(d.key(), d.label(), d.figures(), d.score(), rank, medal,
                    d.rankingTickets()));
        }
        result.addAll(unranked);
        return result;
    }

    /**
     * The tickets the minimum counts: those assigned to the department (led by it at some time), the ones it returned
     * or that were given to another since included, or those it leads now if more. A department that returned a
     * ticket was given it: its return rate counts it, and so does the minimum, though its 总数 (led now) does not.
     */
    static long rankingTickets(Figures.Counts c) {
        return Math.max(c.figures().total(), c.assigned());
    }

    /**
     * Whether the month holds something the department had to have done by now: a ticket closed, or
     * one open past its reply deadline, or one unsigned past its sign deadline, or one it returned. Without
     * one, its score rests on signing on time alone, and a department that has only signed would rank above
     * one that closed its tickets well. A return counts: a department that sent back what it was given has
     * decided, and returning everything must not keep it out of the ranking.
     */
    private static boolean somethingDue(Figures.Counts c) {
        return c.closed() + c.openReplyOverdue() + c.unsignedOverdue() + c.returned() > 0;
    }

    private boolean earnsGold(double score, Figures.Counts counts) {
        return score >= ranking.goldMinScore() && counts.closedOnTime() > 0;
    }

    /** A town with enough tickets whose overdue share reaches the line, or whose satisfaction falls below it. */
    Ranking.RedCard redCard(String town, Figures.Counts counts) {
        if (town == null || counts.total() < redCard.minTickets()) {
            return null;
        }
        Figures figures = counts.figures();
        List<String> reasons = new ArrayList<>();
        Double overdueRate = counts.overdueRate();
        if (overdueRate != null && overdueRate >= redCard.overdueRate()) {
            reasons.add("OVERDUE");
        }
        if (figures.satisfactionRate() != null && figures.satisfactionRate() < redCard.satisfactionRate()) {
            reasons.add("SATISFACTION");
        }
        return reasons.isEmpty() ? null
                : new Ranking.RedCard(town, counts.total(), overdueRate, figures.satisfactionRate(), reasons);
    }

    private static double value(Double rate) {
        return rate == null ? Double.NaN : rate;
    }
}
