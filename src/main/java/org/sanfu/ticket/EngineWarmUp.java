package org.sanfu.ticket;

import org.sanfu.catalog.Catalog;
import org.sanfu.routing.Routing;
import org.sanfu.ticket.process.TicketProcessGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Does at start-up what the first ticket after each start of a node did inside its own transaction: parse the ticket
 * process into the engine's cache and evaluate the routing table (starting the FEEL engine; Routing keeps each
 * category's and urgency's decision). That first process start took 7.7 s of an 8.3 s intake on a busy 2-core machine
 * (H2, ChannelIdempotencyTests), and all that time the ticket's transaction held its locks: a channel's claim of its
 * external id, on which every repeat of that id waits (and gave way after the lock timeout, 10 s, when the machine's
 * load was above 8), and the rows of anything else the first action of the node touched.
 * <p>
 * It writes nothing: the engine's history level is none (config/application.yml, camunda.bpm.history-level), so the
 * routing table's evaluations leave no trace. At a level that keeps decisions (full) each start would store a
 * historic decision for every category and urgency.
 */
@Component
class EngineWarmUp {

    private static final Logger log = LoggerFactory.getLogger(EngineWarmUp.class);

    private final TicketProcessGateway process;
    private final Routing routing;
    private final Catalog catalog;

    EngineWarmUp(TicketProcessGateway process, Routing routing, Catalog catalog) {
        this.process = process;
        this.routing = routing;
        this.catalog = catalog;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        try {
            process.warmUp();
            for (String category : catalog.categoryCodes()) {
                for (Urgency urgency : Urgency.values()) {
                    routing.route(category, urgency.name());
                }
            }
        } catch (RuntimeException e) {
            // only the first ticket is slower: the engine does it then, as it did before
            log.warn("the engine was not warmed up at start: {}", e.toString());
        }
    }
}
