package org.sanfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures are a lock given way to, however deep the engine wrapped the driver's exception. */
class LockFailuresUnitTests {

    @Test
    void postgresqlsDeadlockLockTimeoutAndSerialisationFailureAreLockFailures() {
        for (String state : new String[] {"40P01", "55P03", "40001"}) {
            assertThat(LockFailures.among(new RuntimeException("engine", new SQLException("x", state)))).as(state).isTrue();
        }
    }

    @Test
    void h2sLockTimeoutIsOneButNotItsOtherTimeoutsNorAnyOtherFailure() {
        assertThat(LockFailures.among(new SQLException("Timeout trying to lock table", "HYT00", 50200))).isTrue();
        assertThat(LockFailures.among(new SQLException("Statement was canceled", "HYT00", 57014))).isFalse();
        assertThat(LockFailures.among(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(LockFailures.among(new IllegalStateException("no SQL at all"))).isFalse();
    }

    @Test
    void aBatchsStatementFailureIsFoundInItsChainOfNextExceptions() {
        BatchUpdateException batch = new BatchUpdateException("batch", "22000", 0, new int[0]);
        batch.setNextException(new SQLException("deadlock detected", "40P01"));
        assertThat(LockFailures.among(new RuntimeException(new RuntimeException(batch)))).isTrue();
    }
}
