package org.sanfu.ticket;

import java.util.List;
import java.util.Map;
import org.sanfu.ticket.process.TicketProcessGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives the open tasks opened before their rows recorded their diagram's version (V30) the version
 * the engine has for them, once, at the first start after the upgrade. Until then such a task reads
 * as the newest diagram, as every task did before.
 */
@Component
public class OpenTaskDiagrams {

    private static final Logger log = LoggerFactory.getLogger(OpenTaskDiagrams.class);
    private static final int BATCH = 500;

    private final Tickets tickets;
    private final TicketProcessGateway process;
    private final TransactionTemplate transaction;

    OpenTaskDiagrams(Tickets tickets, TicketProcessGateway process, PlatformTransactionManager transactions) {
        this.tickets = tickets;
        this.process = process;
        this.transaction = new TransactionTemplate(transactions);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void fill() {
        int filled = 0;
        String after = "";
        List<String> batch;
        do {
            batch = tickets.tasksOfUnknownVersion(after, BATCH);
            if (!batch.isEmpty()) {
                Map<String, String> versions = process.versionsOfTasks(batch);
                transaction.executeWithoutResult(status -> versions.forEach(tickets::taskVersion));
                filled += versions.size();
                after = batch.get(batch.size() - 1);
            }
        } while (batch.size() == BATCH);
        if (filled > 0) {
            log.info("recorded the diagram version of {} open tasks opened before V30", filled);
        }
    }
}
