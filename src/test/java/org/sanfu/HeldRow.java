package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A row locked by a transaction of another thread, as another request (an import, a sweep) would hold it, until
 * {@link #close}: what a test does meanwhile meets the lock. Opened, the lock is held; closed, the transaction has
 * ended (committing what {@link #changed} changed).
 */
public final class HeldRow implements AutoCloseable {

    /** A bound against hanging, not a measure. */
    private static final long PATIENCE_SECONDS = 60;

    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final CountDownLatch letGo = new CountDownLatch(1);
    private final Future<?> holder;

    /** {@code lock}, a statement taking one row's lock (… for update) selecting it by {@code key}. */
    public HeldRow(PlatformTransactionManager transactions, JdbcClient jdbc, String lock, Object key)
            throws InterruptedException {
        this(transactions, () -> assertThat(jdbc.sql(lock).param(key).query().listOfRows()).as(lock + " " + key)
                .hasSize(1), lock + " " + key);
    }

    /**
     * A row {@code change} changed (an update of one row), held uncommitted as an action's transaction holds it, and
     * committed at {@link #close}.
     */
    public static HeldRow changed(PlatformTransactionManager transactions, Runnable change)
            throws InterruptedException {
        return new HeldRow(transactions, change, "a change");
    }

    private HeldRow(PlatformTransactionManager transactions, Runnable take, String what) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        holder = thread.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            take.run();
            held.countDown();
            try {
                letGo.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        if (!held.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            close();
            throw new IllegalStateException("the row was never locked: " + what);
        }
    }

    /** Lets go of the row: the transaction ends. */
    @Override
    public void close() {
        letGo.countDown();
        try {
            holder.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the transaction holding the row failed", e);
        } finally {
            thread.shutdownNow();
        }
    }
}
