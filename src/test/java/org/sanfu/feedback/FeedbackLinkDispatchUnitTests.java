package org.sanfu.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Links are handed to the senders after commit only, never on rollback, and a sender's failure stays its own; a
 * sender without the public base URL is refused at start.
 */
class FeedbackLinkDispatchUnitTests {

    private static final FeedbackLinkMessage MESSAGE = new FeedbackLinkMessage("1", "91330100716105852F", "企业", "标题",
            "https://sanfu.example.gov.cn/f/token", Instant.parse("2026-12-08T09:30:00Z"), "文本");

    private static final FeedbackLinkProperties PUBLIC = settings(URI.create("https://sanfu.example.gov.cn"));

    private final List<FeedbackLinkMessage> sent = new ArrayList<>();

    private static FeedbackLinkProperties settings(URI publicBaseUrl) {
        return new FeedbackLinkProperties(publicBaseUrl, null, Duration.ofSeconds(5), 30, 100, 4);
    }

    @AfterEach
    void noTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void aLinkIsSentOnlyOnceItsTransactionHasCommitted() {
        FeedbackLinkDispatch dispatch = new FeedbackLinkDispatch(List.of(sent::add), PUBLIC);
        TransactionSynchronizationManager.initSynchronization();

        dispatch.afterCommit(MESSAGE);
        assertThat(sent).isEmpty();
        TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);
        assertThat(sent).containsExactly(MESSAGE);
    }

    @Test
    void aLinkRolledBackIsNeverSent() {
        FeedbackLinkDispatch dispatch = new FeedbackLinkDispatch(List.of(sent::add), PUBLIC);
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
        FeedbackLinkDispatch dispatch = new FeedbackLinkDispatch(List.of(broken, sent::add), PUBLIC);
        TransactionSynchronizationManager.initSynchronization();

        dispatch.afterCommit(MESSAGE);
        assertThatCode(() -> TransactionSynchronizationManager.getSynchronizations()
                .forEach(TransactionSynchronization::afterCommit)).doesNotThrowAnyException();
        assertThat(sent).containsExactly(MESSAGE);
        assertThat(dispatch.configured()).isTrue();
        assertThat(new FeedbackLinkDispatch(List.of(), PUBLIC).configured()).isFalse();
    }

    /** A chat robot or an SMS gateway given /f/... alone would send the enterprise a link that opens nothing. */
    @Test
    void aSenderWithoutThePublicBaseUrlIsRefusedAtStartAndNoSenderNeedsNone() {
        assertThatThrownBy(() -> new FeedbackLinkDispatch(List.of(sent::add), settings(null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sanfu.feedback-links.public-base-url");
        assertThat(new FeedbackLinkDispatch(List.of(), settings(null)).configured()).isFalse();
    }
}
