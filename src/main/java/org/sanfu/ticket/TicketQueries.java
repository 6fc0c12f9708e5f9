package org.sanfu.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.sanfu.DomainException;
import org.sanfu.Ids;
import org.sanfu.Message;
import org.sanfu.catalog.Catalog;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.ticket.process.TicketProcess;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading tickets, always through the eyes of the caller: what it may see and do. */
@Service
@Transactional(readOnly = true)
public class TicketQueries {

    /** Ids in one statement: well within what H2 and PostgreSQL take as parameters. */
    private static final int READ_AT_ONCE = 500;
    /** What else may be said of an extension after it was refused: asked again, then decided, or withdrawn. */
    private static final Set<String> EXTENSION_WORDS = Set.of(TicketAction.EXTEND.urlName(),
            TicketAction.APPROVE_EXTENSION.urlName(), TicketAction.REJECT_EXTENSION.urlName(),
            TicketLifecycle.EXTENSION_WITHDRAWN);

    private final Tickets tickets;
    private final TicketEvents events;
    private final TicketPolicy policy;
    private final Catalog catalog;
    private final Clock clock;

    TicketQueries(Tickets tickets, TicketEvents events, TicketPolicy policy, Catalog catalog, Clock clock) {
        this.policy = policy;
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
     * those where the process waits on a task for one of the caller's groups (bpmn/ticket.bpmn's
     * candidate groups: a department's own to sign or handle and its open co-handling parts;
     * dispatch's to assign, to answer for the task force, with an extension to decide, or the replies to its
     * hotline and online entries to call back on; a leader's under supervision), and for staff the replies to
     * call back on for the enterprises they look after or visited.
     */
    public PageResult<TicketView> inbox(Caller caller, PageParams page) {
        return inbox(caller, null, page);
    }

    /**
     * How many tickets the caller's whole {@link #inbox} holds: the one count of what waits on /work, which the
     * dashboard's 待办, /work's #inboxTotal and a ticket page's #backToWork each say.
     */
    public long inboxTotal(Caller caller) {
        return tickets.inboxCount(TicketPolicy.groups(caller), specialist(caller));
    }

    /**
     * The inbox without the tickets waiting for the enterprise's feedback (回访): dispatch's /work lists those, the
     * hotline and online entries it records feedback on, in a panel of their own ({@link #repliedEntries}).
     */
    public PageResult<TicketView> inboxBesidesFeedback(Caller caller, PageParams page) {
        return inbox(caller, TicketProcess.TASK_FEEDBACK, page);
    }

    private PageResult<TicketView> inbox(Caller caller, String besidesTask, PageParams page) {
        return tickets.inbox(TicketPolicy.groups(caller), specialist(caller), besidesTask, page)
                .map(t -> view(t, caller));
    }

    /** A specialist's inbox holds only the enterprises they reported on or look after: the user name, for staff. */
    private static String specialist(Caller caller) {
        return caller.is(Role.STAFF) ? caller.username() : null;
    }

    /**
     * The replied hotline and online entries (source HOTLINE, ONLINE), the feedback window closing soonest first:
     * what the office logged that now waits for the enterprise's rating. No specialist visited them, so unless the
     * enterprise has one of its own the office follows them up: it records the feedback it hears by telephone
     * (those opened on a diagram older than that, staff only), or sends a feedback link.
     */
    public PageResult<TicketView> repliedEntries(Caller caller, PageParams page) {
        return tickets.repliedOf(Source.entries(), page).map(t -> view(t, caller));
    }

    /**
     * The replied tickets the caller's department leads (DEPT), the feedback window closing soonest first: those
     * waiting for the enterprise's rating, in the order their time runs out.
     */
    public PageResult<TicketView> repliedLedBy(Caller caller, PageParams page) {
        return tickets.repliedLedBy(caller.department(), page).map(t -> view(t, caller));
    }

    /**
     * Of these tickets, those on which dispatch's 不同意延期 is still the latest word on the lead's extension
     * request (延期), by id, with that refusal (when, by whom): nothing asked, approved or withdrawn since, and
     * the ticket in the handling it was refused in ever since (IN_PROGRESS throughout: a reply, return,
     * escalation, supervision or reopen ends that handling, and its reply deadline with it). The refusal clears
     * the request from the ticket's row; its history alone still says it, so the lead learns it from its card.
     */
    public Map<String, TicketEvent> extensionsRefused(Collection<TicketView> of) {
        Map<String, TicketEvent> refused = new LinkedHashMap<>();
        fromLatest(of.stream().filter(t -> t.status() == TicketStatus.IN_PROGRESS).toList(),
                TicketAction.REJECT_EXTENSION).forEach((id, since) -> {
                    if (since.stream().skip(1).noneMatch(TicketQueries::endsARefusal)) {
                        refused.put(String.valueOf(id), since.get(0));
                    }
                });
        return refused;
    }

    /**
     * Of these tickets, those a department returned that wait for dispatch to assign them again, by id, with that
     * return's reason (理由): what dispatch arbitrates on, read on the card before it opens one (the ticket's page
     * shows it in full beside the assign form, read by the same {@link Awaited#RETURN}).
     */
    public Map<String, String> returnReasons(Collection<TicketView> of) {
        Map<String, String> reasons = new LinkedHashMap<>();
        awaited(of, Awaited.RETURN).forEach((id, event) -> reasons.put(id, event.detail()));
        return reasons;
    }

    /**
     * Of these tickets, those with a task force (ESCALATED), by id, with the escalation that sent them there
     * (上报市专班：理由, by whom, when): what the office entering the task force's answer reads on the card, as
     * the ticket's page reads it from its history beside the escalation-reply form ({@link Awaited#ESCALATION}).
     */
    public Map<String, TicketEvent> escalations(Collection<TicketView> of) {
        return awaited(of, Awaited.ESCALATION);
    }

    /** Of these tickets, those waiting on it, by id, with the event they wait on: one read for them all. */
    private Map<String, TicketEvent> awaited(Collection<TicketView> of, Awaited what) {
        List<TicketView> waiting = of.stream().filter(what::waits).toList();
        Map<Long, List<TicketEvent>> since = fromLatest(waiting, what.action());
        Map<String, TicketEvent> awaited = new LinkedHashMap<>();
        for (TicketView ticket : waiting) {
            TicketEvent event = what.in(ticket, since.getOrDefault(parseId(ticket.id()), List.of()));
            if (event != null) {
                awaited.put(ticket.id(), event);
            }
        }
        return awaited;
    }

    /** Each ticket's events from its latest {@code action} on, read a bounded number of tickets at a time. */
    private Map<Long, List<TicketEvent>> fromLatest(Collection<TicketView> of, TicketAction action) {
        List<Long> ids = of.stream().map(t -> parseId(t.id())).distinct().toList();
        Map<Long, List<TicketEvent>> since = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += READ_AT_ONCE) {
            since.putAll(events.fromLatest(ids.subList(from, Math.min(from + READ_AT_ONCE, ids.size())),
                    action.urlName()));
        }
        return since;
    }

    /** An event after a refused extension that makes it no longer the latest word on the extension. */
    private static boolean endsARefusal(TicketEvent event) {
        return event.toStatus() != TicketStatus.IN_PROGRESS || EXTENSION_WORDS.contains(event.action());
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

    /**
     * How the tickets of these visits (a page's few recent ones) stand, by visit id, in one read: every visit
     * has a tally, one without tickets (or none the caller may see) an empty one.
     */
    public Map<String, TicketTally> talliesOfVisits(List<Long> visitIds, Caller caller) {
        Map<Long, List<Ticket>> byVisit = tickets.ofVisits(visitIds).stream()
                .filter(t -> TicketPolicy.maySee(t, caller)).collect(Collectors.groupingBy(Ticket::visitId));
        Map<String, TicketTally> tallies = new LinkedHashMap<>();
        visitIds.forEach(id -> tallies.put(String.valueOf(id),
                TicketTally.of(byVisit.getOrDefault(id, List.of()).stream().map(Ticket::status).toList())));
        return tallies;
    }

    /**
     * These tickets as the caller may see them, by id, in one read for a page that names many (a
     * systemic problem's members); an id unknown, or of a ticket the caller may not see, is left out.
     */
    public Map<Long, TicketView> seen(Collection<Long> ids, Caller caller) {
        Map<Long, TicketView> seen = new LinkedHashMap<>();
        List<Long> distinct = ids.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += READ_AT_ONCE) {
            tickets.byIds(distinct.subList(from, Math.min(from + READ_AT_ONCE, distinct.size()))).stream()
                    .filter(t -> TicketPolicy.maySee(t, caller)).forEach(t -> seen.put(t.id(), view(t, caller)));
        }
        return seen;
    }

    /**
     * Those of the sources some ticket came from, whoever may see it: the list's source filter offers a revoked
     * channel only while its tickets are there to find. One index probe each: ask of a few.
     */
    public Set<String> sourcesInUse(Collection<String> sources) {
        return sources.stream().filter(tickets::anyFrom).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * A ticket a machine client (a channel, issue 14) filed: every field, no actions to take (a channel acts
     * on no ticket), for the channel module to pick what the channel may read. Empty for an unknown id.
     */
    public java.util.Optional<TicketView> filed(long id) {
        return tickets.find(id).map(t -> TicketView.of(t, catalog.categoryLabel(t.category()), List.of()));
    }

    TicketView view(Ticket ticket, Caller caller) {
        return TicketView.of(ticket, catalog.categoryLabel(ticket.category()), policy.allowedActions(ticket, caller,
                clock.instant()));
    }

    Ticket visible(String id, Caller caller) {
        return visible(tickets.find(parseId(id)), id, caller);
    }

    /** The ticket found (or locked), when the caller may see it: else 404, or 403. */
    static Ticket visible(java.util.Optional<Ticket> found, String id, Caller caller) {
        Ticket ticket = found.orElseThrow(() -> new DomainException.NotFound("ticket", id));
        if (!TicketPolicy.maySee(ticket, caller)) {
            throw new DomainException.NotYours(Message.of("sanfu.ticket.other-departments", "id", id));
        }
        return ticket;
    }

    /** Ticket ids are numbers; anything else names no ticket. */
    static long parseId(String id) {
        return Ids.parse(id).orElseThrow(() -> new DomainException.NotFound("ticket", id));
    }
}
