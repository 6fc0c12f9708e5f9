package org.sanfu.ticket;

import java.time.Instant;
import java.util.Optional;
import org.sanfu.DomainException;
import org.sanfu.Message;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.ticket.process.TicketProcess;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Replied tickets that wait for their enterprise's feedback, as the feedback module's one-time links
 * (一次性回访链接) need them: what the enterprise is shown, and when its window ends. The feedback itself
 * goes through {@link TicketActions#feedbackFromEnterprise}.
 */
@Service
public class RepliedTickets {

    /**
     * What a link is issued for and what its page shows; {@code repliedAt} names the reply, {@code
     * leadDepartment} the department that gave it (the page says who answered), and {@code
     * dissatisfiedGoesToALeader} whether a 不满意 now goes to a leader (领导督办), not back to the department,
     * as the ticket's rule decides it for the process ({@link Ticket#reopenedTooOften()}). A problem resolved on
     * site, which no department has had since, has no lead department: {@code answeredOnSiteBy} names who answered
     * it there (the user who logged it, as its history says, a user name, even after its work was handed over to
     * another specialist; null for every other ticket), and {@code source} where it
     * was heard (VISIT, FORUM, HOTLINE, ONLINE, or a channel's code).
     */
    public record Replied(long id, String title, String resolution, String enterpriseCreditCode,
            String enterpriseName, String leadDepartment, Instant repliedAt, Instant feedbackDue,
            boolean dissatisfiedGoesToALeader, String source, String answeredOnSiteBy) {

        static Replied of(Ticket t, String answeredOnSiteBy) {
            return new Replied(t.id(), t.title(), t.resolution(), t.enterpriseCreditCode(), t.enterpriseName(),
                    t.leadDepartment(), t.repliedAt(), t.clocks().feedbackDue(), t.reopenedTooOften(), t.source(),
                    answeredOnSiteBy);
        }

        /** Whether it was resolved on site and has gone to no department since: no department answered it. */
        public boolean answeredOnSite() {
            return answeredOnSiteBy != null;
        }
    }

    /** A link was issued for the ticket's reply (API.md history: {@code feedback-link}). */
    public static final String LINK_ISSUED = "feedback-link";
    /** Staff recorded the feedback while a link was live, which voided it ({@code feedback-link-voided}). */
    public static final String LINK_VOIDED = "feedback-link-voided";

    private final Tickets tickets;
    private final TicketEvents events;

    RepliedTickets(Tickets tickets, TicketEvents events) {
        this.tickets = tickets;
        this.events = events;
    }

    /**
     * Notes in the ticket's history what became of its feedback links ({@link #LINK_ISSUED}, {@link
     * #LINK_VOIDED}): an outbound contact with the enterprise, or the end of one, that a colleague or a leader
     * reads there. In the caller's transaction, so that the note commits with the link, or neither does. The
     * status does not move ({@code status} before and after); {@code detail} never carries the link itself. At the
     * moment of the transaction's change ({@link #changeMoment}), the one the ticket's updatedAt is stamped with: a
     * moment the feedback module read from the clock itself came after it, and the ticket's newest event would say a
     * later moment than its updatedAt.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void noteLink(long id, String action, String actor, TicketStatus status, String detail) {
        if (!LINK_ISSUED.equals(action) && !LINK_VOIDED.equals(action)) {
            throw new IllegalArgumentException("not a feedback link's event: " + action);
        }
        events.append(id, new TicketEvent(tickets.now(), actor, action, status, status, detail));
    }

    /**
     * The moment of the change the caller's transaction makes to its ticket ({@link Tickets#now}): taken under the
     * ticket's lock ({@link #lockForLink}, the feedback action's), what {@link #noteLink} writes and the ticket's
     * updatedAt says; the link's own rows (issued, voided, spent) say it too. IllegalStateException when the
     * transaction took no ticket's lock: a moment taken before it may come before a change committed meanwhile.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Instant changeMoment() {
        return tickets.nowUnderLock();
    }

    /**
     * The ticket a new link is issued for, its row locked until the caller's transaction ends (so that
     * issuing and the enterprise's feedback take their turns). 404 for an unknown id, 403 unless the
     * caller is service staff or the task-force office, 409 unless the ticket waits for feedback.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Replied lockForLink(String id, Caller caller) {
        Ticket ticket = tickets.lock(TicketQueries.parseId(id))
                .orElseThrow(() -> new DomainException.NotFound("ticket", id));
        caller.require(Role.STAFF, Role.DISPATCH);
        if (!awaitsFeedback(ticket)) {
            throw new DomainException.NotNow(Message.of("sanfu.feedback-link.not-replied", "id", id,
                    "status", Message.of("label.status." + ticket.status()),
                    // the status by its one name, not a paraphrase of it
                    "replied", Message.of("label.status." + TicketStatus.REPLIED)));
        }
        return replied(ticket);
    }

    /** The ticket, while it waits for feedback on this reply; empty once it does not. */
    @Transactional(readOnly = true)
    public Optional<Replied> awaitingFeedback(long id, Instant repliedAt) {
        return tickets.find(id).filter(RepliedTickets::awaitsFeedback)
                .filter(t -> repliedAt.equals(t.repliedAt())).map(this::replied);
    }

    /** Who answered on site is who resolved it there: its reporter, unless its work was handed over since. */
    private Replied replied(Ticket t) {
        String onSiteBy = t.resolvedOnSite() && t.leadDepartment() == null
                ? events.firstActor(t.id(), TicketIntake.RESOLVED_ON_SITE).orElse(t.reporter()) : null;
        return Replied.of(t, onSiteBy);
    }

    /**
     * Where a ticket went after the reply {@code repliedAt} stopped waiting for feedback, as a dead link's page
     * tells the enterprise: its status now, when it closed, and who leads it; and its title, which the page that
     * thanks for the feedback names (a dead link's page does not).
     */
    public record Since(TicketStatus status, Instant closedAt, String leadDepartment, String title) {}

    /**
     * What became of the ticket since its reply {@code repliedAt}: empty while it still waits for feedback on
     * that reply (or for an unknown id), else its status now (closed, handled again, under a leader, or
     * replied anew).
     */
    @Transactional(readOnly = true)
    public Optional<Since> since(long id, Instant repliedAt) {
        return tickets.find(id).filter(t -> !(awaitsFeedback(t) && repliedAt.equals(t.repliedAt())))
                .map(t -> new Since(t.status(), t.closedAt(), t.leadDepartment(), t.title()));
    }

    static boolean awaitsFeedback(Ticket ticket) {
        return ticket.status() == TicketStatus.REPLIED && ticket.repliedAt() != null
                && ticket.waitsOn(TicketProcess.TASK_FEEDBACK);
    }
}
