package org.sanfu.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The moment a caller takes for a change under its ticket's lock (RepliedTickets#changeMoment, a link's rows): asked
 * in a transaction that took no ticket's lock, it fails fast, for it could come before a change committed meanwhile.
 * Neither the moment nor the lock touches the database: a transaction's synchronization alone stands in for one.
 */
class TicketChangesUnitTests {

    private static final Instant NOW = Instant.parse("2026-12-01T02:00:00Z");

    private final TicketChanges changes = new TicketChanges(null, null, Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void transaction() {
        TransactionSynchronizationManager.initSynchronization();
    }

    @AfterEach
    void ended() {
        TransactionSynchronizationManager.unbindResourceIfPossible(changes);
        TransactionSynchronizationManager.clearSynchronization();
    }

    @Test
    void theMomentUnderALockIsRefusedBeforeTheLockAndIsTheChangesMomentAfterIt() {
        assertThatThrownBy(changes::nowUnderLock).isInstanceOf(IllegalStateException.class);
        // a moment asked before the lock is no lock either
        assertThat(changes.now()).isEqualTo(NOW);
        assertThatThrownBy(changes::nowUnderLock).isInstanceOf(IllegalStateException.class);

        changes.locked(NOW.minusSeconds(5));
        assertThat(changes.nowUnderLock()).isEqualTo(NOW).isEqualTo(changes.now());
    }

    @Test
    void aMomentTakenUnderTheLockIsAfterTheTicketsUpdatedAt() {
        changes.locked(NOW);
        assertThat(changes.nowUnderLock()).isEqualTo(NOW.plusMillis(1));
    }
}
