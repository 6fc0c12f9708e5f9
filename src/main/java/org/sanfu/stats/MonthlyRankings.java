package org.sanfu.stats;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.sanfu.SanfuProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes each month's ranking: on the first of the next month at 08:00 (bpmn/monthly-ranking.bpmn calls
 * {@code ${monthlyRankings.storeLastMonth()}}) last month's ranking is stored once, and served as stored from
 * then on ({@link #of(YearMonth)}). A month over that the job never stored (the service was down at that moment,
 * or the job failed) is caught up: once the service is ready and on each run of the job, every complete month since
 * rankings began to be stored ({@link RankingRolls#firstStored()}) that has none is stored as the job would have
 * stored it ({@link #catchUp()}), so that the dashboard and the ranking stop moving with its late tickets; a talk
 * (约谈) about one not caught up yet stores it first ({@link #settled(YearMonth)}).
 */
@Component("monthlyRankings")
public class MonthlyRankings {

    private static final Logger log = LoggerFactory.getLogger(MonthlyRankings.class);

    /**
     * When the 1st's job stores last month (bpmn/monthly-ranking.bpmn, R/2020-01-01T08:00:00+08:00/P1M): the
     * catch-up takes a month for missed only once its job's moment has passed, not at midnight before it, which
     * would store it hours before the 月例会's figures are taken.
     */
    static final Duration JOB_TIME = Duration.ofHours(8);
    static final ZoneOffset JOB_OFFSET = ZoneOffset.ofHours(8);

    private final RankingsNow rankingsNow;
    private final RankingRolls rolls;
    private final Clock clock;
    private final SanfuProperties properties;
    private final TransactionTemplate ownTransaction;
    private final ExecutorService catchingUp = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "ranking-catch-up");
        thread.setDaemon(true);
        return thread;
    });

    MonthlyRankings(RankingsNow rankingsNow, RankingRolls rolls, Clock clock, SanfuProperties properties,
            PlatformTransactionManager transactions) {
        this.rankingsNow = rankingsNow;
        this.rolls = rolls;
        this.clock = clock;
        this.properties = properties;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Called by the monthly process: last month's ranking, and before it any earlier month the job missed since
     * rankings began to be stored, each stored once. Last month is the job's own even where that beginning is later
     * (a clock moved back): the job has always stored it. In the job's transaction, as before: the months it stores
     * are stored with its run, or not at all.
     */
    @Transactional
    public void storeLastMonth() {
        YearMonth last = lastMonth();
        YearMonth since = rolls.firstStored().filter(first -> first.isBefore(last)).orElse(last);
        storeMissing(since, last, this::store);
    }

    /**
     * Every complete month since rankings began to be stored that has none, stored now, oldest first, as the 1st's
     * job would have stored it (its figures as they stand now, stored now): the months the job missed. Not the months
     * before that beginning: no job ever stored those, and freezing years of them now would be a guess at no 月例会's
     * figures (a talk about one still stores it). Each month in a transaction of its own, so that one stored stays
     * stored whatever befalls a later one; a node storing the same month at the same moment (two nodes starting, or
     * the 1st's job) waits on the first's row and leaves it as stored ({@link RankingRolls#store}). The months
     * stored, oldest first.
     */
    public List<YearMonth> catchUp() {
        YearMonth last = YearMonth.from(clock.instant().atOffset(JOB_OFFSET).minus(JOB_TIME)).minusMonths(1);
        return rolls.firstStored().map(since -> storeMissing(since, last,
                month -> Boolean.TRUE.equals(ownTransaction.execute(status -> store(month))))).orElse(List.of());
    }

    /**
     * Once the service is up, on a thread of its own so as not to hold up its start (computing a month's ranking
     * reads all its tickets), stopped with the service: a failure is logged and left to the next 1st's job, which
     * catches up the same months.
     */
    @EventListener(ApplicationReadyEvent.class)
    void catchUpOnceReady() {
        catchingUp.execute(() -> {
            try {
                catchUp();
            } catch (RuntimeException e) {
                log.warn("months' rankings missed while the service was down not stored now; the 1st's job will", e);
            }
        });
    }

    @PreDestroy
    void stopCatchingUp() {
        catchingUp.shutdownNow();
    }

    private YearMonth lastMonth() {
        return YearMonth.from(clock.instant().atZone(properties.zone())).minusMonths(1);
    }

    private List<YearMonth> storeMissing(YearMonth first, YearMonth last, Predicate<YearMonth> store) {
        List<YearMonth> stored = new ArrayList<>();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            if (rolls.find(month).isEmpty() && store.test(month)) {
                stored.add(month);
            }
        }
        return stored;
    }

    /** The month's ranking computed now and stored, unless it was stored already (also since the caller looked). */
    private boolean store(YearMonth month) {
        Instant now = clock.instant();
        Ranking ranking = rankingsNow.month(month);
        if (!rolls.store(month, ranking, now)) {
            return false;
        }
        log.info("ranking of {} stored: {} gold, {} snail, {} red card(s)", month,
                ranking.withMedal(Ranking.Medal.GOLD).size(), ranking.withMedal(Ranking.Medal.SNAIL).size(),
                ranking.redCards().size());
        return true;
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
