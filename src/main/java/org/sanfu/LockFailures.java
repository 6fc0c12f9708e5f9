package org.sanfu;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Whether a failure is the database giving way between two transactions (a lock waited for past its timeout, a
 * deadlock's loser, a serialisation failure), which rolled back and changed nothing, however it was wrapped. Those
 * of our own SQL become Spring's PessimisticLockingFailureException (LockFailureTranslation); the engine's reach us
 * as its own persistence exceptions around the driver's, so they are known here by the SQL state the driver gave:
 * the ticket's process gateway turns them into Spring's (ticket.process.TicketProcessGateway), so that every handler
 * of a lost race applies, and the web's last resort (web.ProblemAdvice) answers any other the same way.
 */
public final class LockFailures {

    /** H2 and PostgreSQL: serialisation failure or deadlock (both 40001 on H2), deadlock, lock not available. */
    private static final Set<String> STATES = Set.of("40001", "40P01", "55P03");
    /** H2's "Timeout trying to lock table" (state HYT00, which other timeouts share). */
    private static final int H2_LOCK_TIMEOUT = 50200;

    private LockFailures() {}

    public static boolean among(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return among(failure, seen);
    }

    private static boolean among(Throwable failure, Set<Throwable> seen) {
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException sql) {
                if (STATES.contains(sql.getSQLState()) || sql.getErrorCode() == H2_LOCK_TIMEOUT
                        && "HYT00".equals(sql.getSQLState())) {
                    return true;
                }
                // a batch's failure names the statement's own in its chain of next exceptions
                if (sql.getNextException() != null && among(sql.getNextException(), seen)) {
                    return true;
                }
            }
        }
        return false;
    }
}
