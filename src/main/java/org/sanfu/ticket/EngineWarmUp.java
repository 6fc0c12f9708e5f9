package org.sanfu.ticket;

import org.sanfu.catalog.Catalog;
import org.sanfu.routing.Routing;
import org.sanfu.ticket.process.TicketProcessGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
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
 * <p>
 * Once the application takes traffic (readiness ACCEPTING_TRAFFIC, which Spring Boot declares after every listener of
 * the ready event), not among those listeners: one of them, the Camunda starter's, starts the job executor, and
 * /actuator/health answers DOWN until it runs (the starter's jobExecutor indicator). Listening to the ready event, the
 * warm-up ran before the starter's listener (same order, registered first) and a node answered UP 1.8 s later than
 * it could on a quiet 2-core machine. A ticket that comes before the warm-up has ended parses what it needs itself,
 * as every first ticket did before.
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

    @EventListener
    void warmUp(AvailabilityChangeEvent<ReadinessState> readiness) {
        if (readiness.getState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return;
        }
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
