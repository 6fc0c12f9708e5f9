package org.sanfu;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An insert after a check found no row of its key, which another transaction may insert at the same moment (the
 * same form sent twice at once): the later insert waits on the earlier's row and meets its duplicate key when
 * that commits. The insert runs in a savepoint of the transaction under way (in a transaction of its own when
 * there is none), so that losing the race is an answer the caller gives, and its transaction goes on:
 * PostgreSQL refuses every further statement of a transaction after a failed one unless it rolls back to a
 * savepoint (H2 goes on either way).
 */
public final class RacedInsert {

    private final TransactionTemplate savepoint;

    public RacedInsert(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** True when inserted; false when a row of the same key is there, committed since the caller looked. */
    public boolean insert(Runnable insert) {
        try {
            savepoint.executeWithoutResult(status -> insert.run());
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }
}
