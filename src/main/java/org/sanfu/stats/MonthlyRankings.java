package org.sanfu.stats;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import org.sanfu.SanfuProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closes each month's ranking: on the first of the next month at 08:00 (bpmn/monthly-ranking.bpmn calls
 * {@code ${monthlyRankings.storeLastMonth()}}) last month's ranking is stored once, and served as stored from
 * then on ({@link StatsService#ranking(YearMonth)}).
 */
@Component("monthlyRankings")
public class MonthlyRankings {

    private static final Logger log = LoggerFactory.getLogger(MonthlyRankings.class);

    private final StatsService stats;
    private final RankingRolls rolls;
    private final Clock clock;
    private final SanfuProperties properties;

    MonthlyRankings(StatsService stats, RankingRolls rolls, Clock clock, SanfuProperties properties) {
        this.stats = stats;
        this.rolls = rolls;
        this.clock = clock;
        this.properties = properties;
    }

    /** Called by the monthly process: last month's ranking, stored once. */
    @Transactional
    public void storeLastMonth() {
        Instant now = clock.instant();
        YearMonth last = YearMonth.from(now.atZone(properties.zone())).minusMonths(1);
        Ranking ranking = stats.rankingNow(last);
        if (rolls.store(last, ranking, now)) {
            log.info("ranking of {} stored: {} gold, {} snail, {} red card(s)", last,
                    ranking.withMedal(Ranking.Medal.GOLD).size(), ranking.withMedal(Ranking.Medal.SNAIL).size(),
                    ranking.redCards().size());
        }
    }
}
