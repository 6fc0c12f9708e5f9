package org.sanfu.ticket;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sanfu.security.People;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who reported a ticket, as the work of a person who leaves or changes post is handed to another (工作交接, the admin
 * module's handover): a STAFF's inbox holds the replied tickets it reported, and /work lists its open ones.
 */
@Service
public class TicketReporters {

    /** The history event of a ticket handed over: it moves no status (API.md). */
    public static final String HANDOVER = "handover";

    private final Tickets tickets;
    private final TicketEvents events;
    private final People people;
    private final MessageSource messages;

    TicketReporters(Tickets tickets, TicketEvents events, People people, MessageSource messages) {
        this.tickets = tickets;
        this.events = events;
        this.people = people;
        this.messages = messages;
    }

    /**
     * Who follows the ticket now, its reporter (a user name), and whether its work was handed over (工作交接) at or
     * after {@code since}: the feedback link's pages name whom the enterprise turns to by them.
     */
    public record Follower(String reporter, boolean handedOverSince) {}

    /** The ticket's {@link Follower}, given what happened since {@code since}; empty for an unknown id. */
    @Transactional(readOnly = true)
    public Optional<Follower> follower(long ticketId, Instant since) {
        return tickets.findRow(ticketId)
                .map(t -> new Follower(t.reporter(), events.anySince(ticketId, HANDOVER, since)));
    }

    /**
     * The enterprises of the tickets {@link #handOverOpen} would move now, each once: the handover locks them before
     * moving anything, in the order every writer of several enterprises takes them (enterprise.EnterpriseService).
     */
    public List<String> enterprisesOfOpen(String from) {
        return tickets.enterprisesOfOpenReportedBy(from);
    }

    /**
     * How many tickets {@link #handOverOpen} would move now: /admin says so when the account's person leaves or its
     * role stops being STAFF.
     */
    @Transactional(readOnly = true)
    public long countOpen(String from) {
        return tickets.countOpenReportedBy(from);
    }

    /**
     * How many tickets {@link #handOverOpen} would move now of each of these user names (those with none left out), in
     * one query: /admin offers those accounts a handover whatever their role, and says how many.
     */
    @Transactional(readOnly = true)
    public Map<String, Long> countOpenAmong(Collection<String> usernames) {
        return usernames.isEmpty() ? Map.of() : tickets.countOpenReportedAmong(List.copyOf(usernames));
    }

    /**
     * Every open ticket (not CLOSED) that {@code from} reported is reported by {@code to} from now on, each with a
     * {@value #HANDOVER} event by {@code actor} saying from whom to whom; a closed one keeps its history as it was.
     * How many moved. Lists and their index follow the change at its commit, as for any ticket written.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int handOverOpen(String from, String to, String actor) {
        Instant now = tickets.now();
        Map<Long, Tickets.HandedOver> moved = tickets.changeOpenReporter(from, to, now);
        if (moved.isEmpty()) {
            return 0;
        }
        // stored as the history's other details are, in Chinese
        String detail = messages.getMessage("ticket.history.handover",
                new Object[] {people.label(from), people.label(to)}, Locale.SIMPLIFIED_CHINESE);
        moved.forEach((id, ticket) -> events.append(id,
                new TicketEvent(ticket.at(), actor, HANDOVER, ticket.status(), ticket.status(), detail)));
        return moved.size();
    }
}
