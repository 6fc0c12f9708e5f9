package org.sanfu.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sanfu.catalog.Catalog;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.web.ApiException;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading tickets, always through the eyes of the caller: what it may see and do. */
@Service
@Transactional(readOnly = true)
public class TicketQueries {

    private final Tickets tickets;
    private final TicketEvents events;
    private final Catalog catalog;
    private final Clock clock;

    TicketQueries(Tickets tickets, TicketEvents events, Catalog catalog, Clock clock) {
        this.tickets = tickets;
        this.events = events;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** 404 for an unknown id, 403 for a department the ticket does not involve. */
    public TicketView get(String id, Caller caller) {
        return view(visible(id, caller), caller);
    }

    public List<TicketEvent> history(String id, Caller caller) {
        return events.history(visible(id, caller).id());
    }

    public PageResult<TicketView> list(TicketFilter filter, Caller caller, PageParams page) {
        String scope = caller.is(Role.DEPT) ? caller.department() : null;
        return tickets.list(filter, scope, page).map(t -> view(t, caller));
    }

    /**
     * The open tickets (not CLOSED) that missed a deadline, reported in [from, to) and of the lead
     * department, category and town where not null, the earliest reply deadline first: the tickets
     * the leaders' figures count as {@code overdueOpen}. Null bounds mean all time.
     */
    public PageResult<TicketView> openOverdue(Instant from, Instant toExclusive, String leadDepartment,
            String category, String town, Caller caller, PageParams page) {
        String scope = caller.is(Role.DEPT) ? caller.department() : null;
        return tickets.openOverdue(from, toExclusive, leadDepartment, category, town, scope, page)
                .map(t -> view(t, caller));
    }

    /**
     * The tickets on which the caller can act now (an action other than comment), most urgent first:
     * a department's own to sign or handle and its open co-handling parts; dispatch's to assign, to
     * answer for the task force, or with an extension to decide; staff's replies to call back on for
     * the enterprises they look after or visited; a leader's under supervision.
     */
    public PageResult<TicketView> inbox(Caller caller, PageParams page) {
        List<Tickets.Where> mine = new ArrayList<>();
        switch (caller.role()) {
            case DEPT -> {
                mine.add(new Tickets.Where()
                        .add("t.status in ('ASSIGNED', 'IN_PROGRESS')")
                        .eq("t.lead_department", caller.department()));
                mine.add(new Tickets.Where().add("exists (select 1 from ticket_co_department c where "
                        + "c.ticket_id = t.id and c.department = ? and c.part_open)", caller.department()));
            }
            case DISPATCH -> mine.add(new Tickets.Where()
                    .add("(t.status in ('DISPATCHING', 'ESCALATED') or t.extension_days is not null)"));
            case STAFF -> mine.add(new Tickets.Where()
                    .add("t.status = 'REPLIED'")
                    .add("(t.reporter = ? or exists (select 1 from enterprise e where e.credit_code = "
                            + "t.enterprise_credit_code and e.specialist = ?))", caller.username(), caller.username()));
            case LEADER -> mine.add(new Tickets.Where().add("t.status = 'SUPERVISION'"));
            case ADMIN -> { }
        }
        return tickets.inbox(mine, page).map(t -> view(t, caller));
    }

    /** An enterprise's tickets as the caller may see them, newest first. */
    public List<TicketView> ofEnterprise(String creditCode, Caller caller) {
        String scope = caller.is(Role.DEPT) ? caller.department() : null;
        return tickets.ofEnterprise(creditCode, scope).stream().map(t -> view(t, caller)).toList();
    }

    /** A visit's tickets, in the order of its problems. */
    public List<TicketView> ofVisit(long visitId, Caller caller) {
        return tickets.ofVisit(visitId).stream().filter(t -> TicketPolicy.maySee(t, caller))
                .map(t -> view(t, caller)).toList();
    }

    TicketView view(Ticket ticket, Caller caller) {
        return TicketView.of(ticket, catalog.categoryLabel(ticket.category()), TicketPolicy.allowedActions(ticket, caller,
                clock.instant()));
    }

    private Ticket visible(String id, Caller caller) {
        Ticket ticket = tickets.find(parseId(id)).orElseThrow(() -> ApiException.notFound("ticket", id));
        if (!TicketPolicy.maySee(ticket, caller)) {
            throw ApiException.forbidden("ticket " + id + " belongs to other departments");
        }
        return ticket;
    }

    /** Ticket ids are numbers; anything else names no ticket. */
    static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("ticket", id);
        }
    }
}
