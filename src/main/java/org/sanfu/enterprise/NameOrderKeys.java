package org.sanfu.enterprise;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.sanfu.PinyinOrder;
import org.sanfu.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The enterprises' keys of pinyin order (enterprise.name_order, {@link PinyinOrder#key}) as the collation in use makes
 * them. ICU's collation data changes with its versions (a new Unicode, a corrected reading), and a key made by another
 * version sorts among today's wrongly; so the version the keys were made by is recorded (table collation_in_effect,
 * one row, written by migration V45, which made the first keys), and at start, before the service takes a request,
 * every key is made again when it differs. Under that row's lock: of several nodes starting with a new ICU, one
 * recomputes and the others wait for it (past the database's lock timeout too: {@link #WAIT_AT_MOST}) and then find
 * it recorded. The enterprises' rows are taken in credit-code order, as every writer of several enterprises takes
 * them, and held until the keys are written, so a rename on a node still running waits rather than keep a key of
 * its old name.
 */
@Component
class NameOrderKeys implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(NameOrderKeys.class);

    /** Keys written a statement batch at a time. */
    private static final int BATCH = 500;
    /**
     * How long a node starting waits for another that is keying the names anew (a million enterprises take minutes)
     * before it gives up starting: each wait is the database's lock timeout, tried again until this has passed.
     */
    static final Duration WAIT_AT_MOST = Duration.ofMinutes(30);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String updateLock;

    NameOrderKeys(JdbcTemplate jdbc, PlatformTransactionManager transactions, DataSource dataSource) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.updateLock = Sql.updateLock(dataSource);
    }

    @Override
    public void afterSingletonsInstantiated() {
        long giveUp = System.nanoTime() + WAIT_AT_MOST.toNanos();
        while (true) {
            try {
                keyAgainIfChanged();
                return;
            } catch (PessimisticLockingFailureException held) {
                if (System.nanoTime() > giveUp) {
                    throw held;
                }
                log.info("another node is keying the enterprises' names for their pinyin order anew; waiting for it");
            }
        }
    }

    /** How many enterprises were keyed again: all when the version on record is not the collation's, else none. */
    int keyAgainIfChanged() {
        String version = PinyinOrder.version();
        String[] was = new String[1];
        Integer keyed = transaction.execute(status -> {
            was[0] = jdbc.queryForObject("select version from collation_in_effect where id = 1 for update", String.class);
            if (version.equals(was[0])) {
                return 0;
            }
            List<Object[]> keys = new ArrayList<>();
            jdbc.query("select credit_code, name from enterprise order by credit_code " + updateLock,
                    rs -> {
                        keys.add(new Object[] {PinyinOrder.key(rs.getString(2)), rs.getString(1)});
                    });
            for (int i = 0; i < keys.size(); i += BATCH) {
                jdbc.batchUpdate("update enterprise set name_order = ? where credit_code = ?",
                        keys.subList(i, Math.min(keys.size(), i + BATCH)));
            }
            jdbc.update("update collation_in_effect set version = ? where id = 1", version);
            return keys.size();
        });
        if (keyed != null && keyed > 0) {
            log.info("the collation of names changed from {} to {} (ICU): the pinyin order of {} enterprises was "
                    + "computed again", was[0], version, keyed);
        }
        return keyed == null ? 0 : keyed;
    }
}
