package org.sanfu;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two requests that each look for a row and, finding none, insert it: the same thing created twice at once,
 * with the order forced. The winner inserts its row in a transaction held open while the loser runs in another
 * thread; the loser's look cannot see that row (not committed), so it goes on to its own insert, which waits on
 * the winner's row. The database is asked until it shows the loser at that insert (or the loser has answered);
 * only then does the winner commit, and the loser's insert meets the duplicate key. The same every run, on H2
 * and on PostgreSQL, whatever the threads' timing.
 */
@TestComponent
public class LostRace {

    /** How long the database may take to show a session at its statement: a bound against hanging, not a measure. */
    private static final long PATIENCE_SECONDS = 60;

    private final DataSource dataSource;
    private final PlatformTransactionManager transactions;

    LostRace(DataSource dataSource, PlatformTransactionManager transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    /**
     * What {@code loser} answered after losing to {@code winner} at an insert into {@code table}. {@code winner}
     * runs in this thread, in the transaction held open; {@code loser} in another thread, in its own.
     */
    public <T> T loser(String table, Runnable winner, Callable<T> loser) throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            AtomicReference<Future<T>> answer = new AtomicReference<>();
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                winner.run();
                answer.set(other.submit(loser));
                // H2 names no blocker for a wait on a row: a session at the insert is past its look, what matters
                awaitAt("insert into " + table + " %", 1, answer.get());
            });
            return answer.get().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
    }

    /**
     * Waits until {@code sessions} other sessions are at a statement like {@code statement} (lower case, SQL's
     * {@code like}: where they wait on a lock held open), or one of the {@code requests} has answered. Asks on a
     * connection of its own, outside any transaction of the caller's, each time afresh.
     */
    public void awaitAt(String statement, long sessions, Future<?>... requests) {
        String waiting = Sql.postgres(dataSource)
                ? "select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"
                        + " and state = 'active' and lower(query) like ?"
                : "select count(*) from information_schema.sessions where session_id <> session_id()"
                        + " and lower(executing_statement) like ?";
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement asked = connection.prepareStatement(waiting)) {
            asked.setString(1, statement);
            while (Arrays.stream(requests).noneMatch(Future::isDone)) {
                try (ResultSet rs = asked.executeQuery()) {
                    if (rs.next() && rs.getLong(1) >= sessions) {
                        return;
                    }
                }
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("fewer than " + sessions + " sessions reached " + statement
                            + ", and none answered");
                }
                Thread.sleep(5);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
