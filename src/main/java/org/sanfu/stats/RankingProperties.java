package org.sanfu.stats;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sanfu.ranking.*}: the monthly ranking of departments (金牌店小二 / 蜗牛店小二).
 *
 * @param weights the weights of the score's rates
 * @param minTickets a department with fewer tickets in the month is listed, not ranked
 * @param goldMinScore the least score (0..100) that earns GOLD: being first among poor departments
 *        earns nothing
 * @param snailMinRanked the fewest departments ranked for SNAIL (the last three) to be given, so that
 *        the last three are not nearly everyone; at least 4, so the first is never among them
 * @param golds how many of the first places may earn GOLD each month (1 by default; a county that
 *        names 6 金牌店小二 a quarter names 2): each still needs the floor and a ticket closed on time,
 *        and a place that earns GOLD is never SNAIL
 */
@ConfigurationProperties("sanfu.ranking")
@Validated
public record RankingProperties(@NotNull @Valid Weights weights, @Min(1) int minTickets,
        @DecimalMin("0") @DecimalMax("100") double goldMinScore, @Min(4) int snailMinRanked,
        @DefaultValue("1") @Min(1) int golds) {

    /**
     * Weights of the ranking score, the weighted mean of a department's rates as 0..100.
     *
     * @param onTimeClose weight of the on-time close rate
     * @param onTimeSign weight of the on-time sign rate
     * @param satisfaction weight of the satisfaction rate
     * @param reopen weight of the reopen rate, which counts against
     * @param returned weight of the return rate, which counts against
     */
    public record Weights(@DecimalMin("0") double onTimeClose, @DecimalMin("0") double onTimeSign,
            @DecimalMin("0") double satisfaction, @DecimalMin("0") double reopen, @DecimalMin("0") double returned) {}
}
