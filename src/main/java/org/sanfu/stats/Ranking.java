package org.sanfu.stats;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * The departments ranked over a period (月度赛马), and the towns shown a red card (亮红牌). {@code storedAt}: when
 * a month's ranking was stored as the month closed ({@link RankingRolls}), served as stored from then on;
 * null for one computed now.
 */
public record Ranking(String month, List<DepartmentRank> departments, List<RedCard> redCards, Instant storedAt) {

    /** Computed now. */
    public Ranking(String month, List<DepartmentRank> departments, List<RedCard> redCards) {
        this(month, departments, redCards, null);
    }

    /** The departments with this medal, in their order. */
    public List<DepartmentRank> withMedal(Medal medal) {
        return departments.stream().filter(d -> d.medal() == medal).toList();
    }

    /**
     * 金牌店小二 for the first (or the first few, {@code sanfu.ranking.golds}), if earned (a score at the
     * floor or above, a ticket closed on time); 蜗牛店小二 for the last three, where enough departments
     * are ranked ({@code sanfu.ranking.*}).
     */
    public enum Medal { GOLD, SNAIL }

    /**
     * One department's place. {@code rank}, {@code score} and {@code medal} are null for a department
     * with fewer tickets than the configured minimum, or with nothing yet due (none closed, none open past
     * its reply deadline, none unsigned past its sign deadline): it is listed, not ranked. {@code rankingTickets}
     * (addition): the tickets that minimum counts, which may be more than {@code total} (those it leads now): the
     * ones assigned to it that it returned, or that went to another department since, count too; null in a month
     * stored before it was kept.
     */
    public record DepartmentRank(String key, String label, @JsonUnwrapped Figures figures, Double score,
            Integer rank, Medal medal,
            @Schema(description = "The tickets the ranking's minimum counts: assigned to the department in the month"
                    + " (those it returned, or that went to another department since, included), or those it leads"
                    + " now (total) if more; null in a month stored before it was kept")
            Long rankingTickets) {}

    /** A town that lags badly: why ({@code OVERDUE}, {@code SATISFACTION}) and its figures. */
    public record RedCard(String town, long total, Double overdueRate, Double satisfactionRate, List<String> reasons) {}
}
