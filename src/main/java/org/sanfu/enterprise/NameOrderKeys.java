package org.sanfu.enterprise;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.sanfu.PinyinOrder;
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
 * them. ICU's collation data changes with its versions (a new Unicode, a corrected reading), and so does the list of
 * places read as people read them; a key made otherwise sorts among today's wrongly. So the version the keys were made
 * by is recorded (table collation_in_effect, one row, written by migration V45, which made the first keys), and at
 * start, before the service takes a request, every name is keyed again when it differs, and the keys that changed
 * are written: with a new list of places, the few names holding a place of it; with a new ICU, most. Under that
 * row's lock: of several nodes starting with a new collation, one recomputes and the others wait for it (past the
 * database's lock timeout too: {@link #WAIT_AT_MOST}) and then find it recorded. The names are read as they stream
 * (a million enterprises are not held in memory), in credit-code order, the order every writer of several
 * enterprises takes their rows in; a key is written only where the name is still the one it was made from, so a
 * rename meanwhile keeps the key its own node made of the new name.
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
    /** Reads the names a few hundred rows at a time (PostgreSQL's driver would otherwise read them all at once). */
    private final JdbcTemplate streaming;
    private final TransactionTemplate transaction;

    NameOrderKeys(JdbcTemplate jdbc, PlatformTransactionManager transactions, DataSource dataSource) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(BATCH);
        this.transaction = new TransactionTemplate(transactions);
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

    /**
     * How many enterprises' keys changed: none when the version on record is the collation's; else every name is
     * keyed again, and those whose key differs from the one stored are written.
     */
    int keyAgainIfChanged() {
        String version = PinyinOrder.version();
        String[] was = new String[1];
        long[] read = new long[1];
        Integer keyed = transaction.execute(status -> {
            was[0] = jdbc.queryForObject("select version from collation_in_effect where id = 1 for update", String.class);
            if (version.equals(was[0])) {
                return 0;
            }
            List<Object[]> changed = new ArrayList<>();
            int[] written = new int[1];
            streaming.query("select credit_code, name, name_order from enterprise order by credit_code", rs -> {
                read[0]++;
                String name = rs.getString(2);
                byte[] key = PinyinOrder.key(name);
                if (!Arrays.equals(key, rs.getBytes(3))) {
                    changed.add(new Object[] {key, rs.getString(1), name});
                    if (changed.size() == BATCH) {
                        written[0] += write(changed);
                    }
                }
            });
            written[0] += write(changed);
            jdbc.update("update collation_in_effect set version = ? where id = 1", version);
            return written[0];
        });
        if (!version.equals(was[0])) {
            log.info("the collation of names changed from {} to {} (ICU, places): of {} enterprises, the pinyin order "
                    + "of {} was computed again", was[0], version, read[0], keyed);
        }
        return keyed == null ? 0 : keyed;
    }

    /** Writes the keys gathered, each where its enterprise's name is still the one keyed; how many were written. */
    private int write(List<Object[]> changed) {
        int written = 0;
        for (int rows : jdbc.batchUpdate("update enterprise set name_order = ? where credit_code = ? and name = ?",
                changed)) {
            written += Math.max(rows, 0);
        }
        changed.clear();
        return written;
    }
}
