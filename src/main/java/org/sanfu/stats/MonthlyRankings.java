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
 * then on ({@link #of(YearMonth)}). A month over that the job never stored is stored when a talk (约谈) first
 * goes by it ({@link #settled(YearMonth)}).
 */
@Component("monthlyRankings")
public class MonthlyRankings {

    private static final Logger log = LoggerFactory.getLogger(MonthlyRankings.class);

    private final RankingsNow rankingsNow;
    private final RankingRolls rolls;
    private final Clock clock;
    private final SanfuProperties properties;

    MonthlyRankings(RankingsNow rankingsNow, RankingRolls rolls, Clock clock, SanfuProperties properties) {
        this.rankingsNow = rankingsNow;
        this.rolls = rolls;
        this.clock = clock;
        this.properties = properties;
    }

    /** Called by the monthly process: last month's ranking, stored once. */
    @Transactional
    public void storeLastMonth() {
        Instant now = clock.instant();
        YearMonth last = YearMonth.from(now.atZone(properties.zone())).minusMonths(1);
        Ranking ranking = rankingsNow.month(last);
        if (rolls.store(last, ranking, now)) {
            log.info("ranking of {} stored: {} gold, {} snail, {} red card(s)", last,
                    ranking.withMedal(Ranking.Medal.GOLD).size(), ranking.withMedal(Ranking.Medal.SNAIL).size(),
                    ranking.redCards().size());
        }
    }

    /** The month's ranking: as stored when it closed, or computed now for a month not stored (yet). */
    Ranking of(YearMonth month) {
        return rolls.find(month).orElseGet(() -> rankingsNow.month(month));
    }

    /**
     * A month that is over, as a talk (约谈) is checked against it: its ranking as stored, or, where the 1st's job
     * never stored it (the service was not running at 08:00 that day, was first deployed after it, or the month
     * closed before rankings were stored), computed and stored now, as the job would have. Stored rather than only
     * computed, so that the 蜗牛店小二 and red cards a talk was recorded with are the ones the roll and the reports
     * show from then on, however the month's tickets are handled later. In the caller's transaction: stored with the
     * talk, or not at all when the talk is refused (a refused request changes nothing). A job or another talk
     * storing it at the same moment, on this node or another, waits on the first's row and then reads it
     * ({@link RankingRolls#store}): every talk goes by the one stored.
     */
    @Transactional
    Ranking settled(YearMonth month) {
        return rolls.find(month).orElseGet(() -> {
            Instant now = clock.instant();
            Ranking ranking = rankingsNow.month(month);
            if (rolls.store(month, ranking, now)) {
                log.info("ranking of {}, never stored, stored for a talk: {} snail, {} red card(s)", month,
                        ranking.withMedal(Ranking.Medal.SNAIL).size(), ranking.redCards().size());
            }
            return rolls.find(month).orElseThrow();
        });
    }
}
