package org.sanfu.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.sanfu.catalog.Catalog;
import org.sanfu.sla.SlaProperties;
import org.sanfu.ticket.process.TicketProcess;
import org.sanfu.ticket.process.TicketProcessGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Turns a logged problem into a ticket and starts its process, in the caller's transaction. */
@Service
public class TicketIntake {

    /** The history's event of a problem resolved on site as it was logged (API.md), by whoever logged it. */
    static final String RESOLVED_ON_SITE = "resolve-on-site";

    private final Tickets tickets;
    private final TicketEvents events;
    private final TicketDeadlines clocks;
    private final TicketProcessGateway process;
    private final Catalog catalog;
    private final SlaProperties defaults;
    private final TicketMetrics metrics;

    TicketIntake(Tickets tickets, TicketEvents events, TicketDeadlines clocks, TicketProcessGateway process, Catalog catalog,
            SlaProperties defaults, TicketMetrics metrics) {
        this.tickets = tickets;
        this.events = events;
        this.clocks = clocks;
        this.process = process;
        this.catalog = catalog;
        this.defaults = defaults;
        this.metrics = metrics;
    }

    /** The new ticket's id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long open(NewTicket problem) {
        return open(problem, null);
    }

    /**
     * A ticket routed to the lead department dispatch names (a systemic problem's case) instead of the
     * routing table's, with the table's limits for its category.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long openRoutedTo(NewTicket problem, String leadDepartment) {
        return open(problem, leadDepartment);
    }

    private long open(NewTicket problem, String namedLead) {
        // the report's and the routing's moment, the listeners' the process start calls included (Tickets.now)
        Instant now = tickets.now();
        long id = tickets.insert(problem, defaults.defaultSignLimit(), defaults.defaultReplyLimit(), now);
        events.append(id, new TicketEvent(now, problem.reporter(), TicketEvent.REPORT, null, null,
                "[" + catalog.categoryLabel(problem.category()) + "] " + problem.title()));
        Map<String, Object> facts = namedLead == null
                ? Map.of(TicketProcess.VAR_RESOLVED_ON_SITE, problem.resolvedOnSite())
                : Map.of(TicketProcess.VAR_RESOLVED_ON_SITE, problem.resolvedOnSite(),
                        TicketProcess.VAR_NAMED_LEAD_DEPARTMENT, namedLead);
        String processInstance = process.start(id, facts);
        tickets.setProcessInstance(id, processInstance);
        metrics.opened(problem.category());
        // where the process put it: the row is all the history needs, with the co-departments of a routing
        Ticket ticket = tickets.findRow(id).orElseThrow();
        if (problem.resolvedOnSite()) {
            events.append(id, new TicketEvent(now, problem.reporter(), RESOLVED_ON_SITE, null, ticket.status(),
                    problem.onSiteResolution()));
        } else {
            events.append(id, new TicketEvent(now, TicketEvent.SYSTEM, "route", null, ticket.status(),
                    describeRouting(ticket, tickets.coDepartments(id))));
            clocks.markIfPassed(id, DeadlineClock.REPLY);
        }
        return id;
    }

    private String describeRouting(Ticket t, List<String> coDepartments) {
        String who = t.leadDepartment() == null ? "无匹配规则，转专班交办"
                : "主办 " + catalog.departmentLabel(t.leadDepartment())
                        + (coDepartments.isEmpty() ? "" : "；协办 " + String.join("、",
                                coDepartments.stream().map(catalog::departmentLabel).toList()));
        return who + "；签收时限 " + t.signLimit() + " 个工作日，答复时限 " + t.replyLimit() + " 个工作日";
    }
}
