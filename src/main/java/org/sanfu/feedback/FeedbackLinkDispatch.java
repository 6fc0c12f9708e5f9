package org.sanfu.feedback;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hands a link to every {@link FeedbackLinkSender} once the transaction that issued it has committed:
 * never for a link rolled back, and a sender's failure never reaches the request that issued it. A sender
 * without {@code sanfu.feedback-links.public-base-url} is refused at start: it would post the enterprise a
 * bare path (/f/...), which opens nothing on their phone.
 */
@Component
public class FeedbackLinkDispatch {

    private static final Logger log = LoggerFactory.getLogger(FeedbackLinkDispatch.class);

    private final List<FeedbackLinkSender> senders;

    FeedbackLinkDispatch(List<FeedbackLinkSender> senders, FeedbackLinkProperties settings) {
        if (!senders.isEmpty() && settings.publicBaseUrl() == null) {
            throw new IllegalStateException("feedback links are to be sent (" + senders.stream()
                    .map(sender -> sender.getClass().getSimpleName()).toList()
                    + ") but sanfu.feedback-links.public-base-url is not set: a sent link must be an address the"
                    + " enterprise can open, e.g. https://sanfu.example.gov.cn");
        }
        this.senders = List.copyOf(senders);
    }

    /** Whether any way of sending is configured (the ticket page offers to send only then). */
    public boolean configured() {
        return !senders.isEmpty();
    }

    void afterCommit(FeedbackLinkMessage message) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            deliver(message);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                deliver(message);
            }
        });
    }

    private void deliver(FeedbackLinkMessage message) {
        if (senders.isEmpty()) {
            log.info("feedback link for ticket {} not sent: no sender configured", message.ticketId());
        }
        for (FeedbackLinkSender sender : senders) {
            try {
                sender.send(message);
            } catch (RuntimeException e) {
                log.warn("feedback link sender {} failed for ticket {}: {}", sender.getClass().getSimpleName(),
                        message.ticketId(), e.toString());
            }
        }
    }
}
