package org.sanfu.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Links are handed to the senders after commit only, never on rollback, and a sender's failure stays its own. */
class FeedbackLinkDispatchUnitTests {

    private static final FeedbackLinkMessage MESSAGE = new FeedbackLinkMessage("1", "91330100716105852F", "企业", "标题",
            "https://sanfu.example.gov.cn/f/token", Instant.parse("2026-12-08T09:30:00Z"), "文本");

    private final List<FeedbackLinkMessage> sent = new ArrayList<>();

    @AfterEach
    void noTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void aLinkIsSentOnlyOnceItsTransactionHasCommitted() {
        FeedbackLinkDispatch dispatch = new FeedbackLinkDispatch(List.of(sent::add));
        TransactionSynchronizationManager.initSynchronization();

        dispatch.afterCommit(MESSAGE);
        assertThat(sent).isEmpty();
        TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);
        assertThat(sent).containsExactly(MESSAGE);
    }

    @Test
    void aLinkRolledBackIsNeverSent() {
        FeedbackLinkDispatch dispatch = new FeedbackLinkDispatch(List.of(sent::add));
        TransactionSynchronizationManager.initSynchronization();

        dispatch.afterCommit(MESSAGE);
        TransactionSynchronizationManager.getSynchronizations()
                .forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));
        assertThat(sent).isEmpty();
    }

    @Test
    void aFailingSenderNeitherThrowsNorKeepsTheOthersFromSending() {
        FeedbackLinkSender broken = message -> {
            throw new IllegalStateException("gateway down");
        };
        FeedbackLinkDispatch dispatch = new FeedbackLinkDispatch(List.of(broken, sent::add));
        TransactionSynchronizationManager.initSynchronization();

        dispatch.afterCommit(MESSAGE);
        assertThatCode(() -> TransactionSynchronizationManager.getSynchronizations()
                .forEach(TransactionSynchronization::afterCommit)).doesNotThrowAnyException();
        assertThat(sent).containsExactly(MESSAGE);
        assertThat(dispatch.configured()).isTrue();
        assertThat(new FeedbackLinkDispatch(List.of()).configured()).isFalse();
    }
}
