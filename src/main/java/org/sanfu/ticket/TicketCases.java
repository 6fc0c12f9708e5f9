package org.sanfu.ticket;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.sanfu.DomainException;
import org.sanfu.ticket.process.TicketProcessGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a systemic problem (共性问题, the systemic module) needs of tickets: the open problems to
 * compare, one case ticket for many, the members' link to it, and the members' reply when the case
 * is replied. Every write goes through {@link Tickets} and the ticket's process, as an action's would.
 */
@Service
public class TicketCases {

    /** The source of a systemic problem's case ticket. */
    public static final String SOURCE = "SYSTEMIC";

    private final Tickets tickets;
    private final TicketEvents events;
    private final TicketIntake intake;
    private final TicketProcessGateway process;

    TicketCases(Tickets tickets, TicketEvents events, TicketIntake intake, TicketProcessGateway process) {
        this.tickets = tickets;
        this.events = events;
        this.intake = intake;
        this.process = process;
    }

    /** An open ticket as a systemic problem's scan compares it. */
    public record OpenProblem(long id, String enterpriseCreditCode, String town, String category, String title,
            String description, Instant reportedAt) {
    }

    /**
     * The moment of this transaction's change ({@link Tickets#now}): a systemic problem's decision asks it at its start,
     * so that its own columns (confirmedAt) say the instant its case is reported at and its members are linked at.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Instant now() {
        return tickets.now();
    }

    /** Open tickets (not CLOSED) reported since {@code from}, cases excluded, oldest first. */
    @Transactional(readOnly = true)
    public List<OpenProblem> openReportedSince(Instant from) {
        return tickets.openReportedSince(from, SOURCE).stream()
                .map(t -> new OpenProblem(t.id(), t.enterpriseCreditCode(), t.town(), t.category(), t.title(),
                        t.description(), t.reportedAt()))
                .toList();
    }

    /**
     * Opens the case ticket of a systemic problem: source SYSTEMIC, routed to the lead department
     * dispatch named (with the routing table's limits for the category), reported now by
     * {@code reporter}. A ticket needs an enterprise and a visit: the case takes those of its earliest
     * member, the enterprise that first raised the problem (the members keep their own enterprises,
     * who each give their own feedback). Its id.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long openCase(List<Long> memberIds, String category, String title, String description,
            String leadDepartment, String reporter) {
        Ticket first = memberIds.stream().map(tickets::findRow).flatMap(java.util.Optional::stream)
                .min(Comparator.comparing(Ticket::reportedAt).thenComparing(Ticket::id))
                .orElseThrow(() -> new DomainException.NotFound("ticket", String.valueOf(memberIds)));
        NewTicket problem = new NewTicket(first.visitId(), first.enterpriseCreditCode(), first.enterpriseName(),
                first.town(), reporter, category, title, description, Urgency.NORMAL, SOURCE, tickets.now(), false,
                null);
        return intake.openRoutedTo(problem, leadDepartment);
    }

    /** A member's history notes its case (action {@code link}); its status does not move. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void link(long memberId, String actor, String detail) {
        Ticket member = tickets.lock(memberId).orElseThrow(() -> new DomainException.NotFound("ticket",
                String.valueOf(memberId)));
        note(member, actor, "link", detail);
    }

    /**
     * A note in a member's history, its status unmoved, at the member's own moment ({@link #notBefore}), which its row
     * is stamped with first: the note's own stamp ({@link TicketEvents#append}) would be the change's, taken before
     * this member's lock.
     */
    private void note(Ticket member, String actor, String action, String detail) {
        Instant now = notBefore(member);
        tickets.touch(member.id(), now);
        events.append(member.id(), new TicketEvent(now, actor, action, member.status(), member.status(), detail));
    }

    /**
     * The change's moment for a member ({@link TicketChanges#stampAfter}): the moment was taken at the change's start,
     * before this member's lock, and a change of the member may have committed meanwhile.
     */
    private Instant notBefore(Ticket member) {
        return TicketChanges.stampAfter(member.updatedAt(), tickets.now());
    }

    /**
     * The case was replied: an open member is replied with its resolution, by the system, as its lead
     * department's reply would be (resolution, outcome, reply time and whether it was on time), and the
     * process takes it from wherever it waits to its enterprise's feedback (bpmn/ticket.bpmn,
     * BoundaryEvent_CaseReplied_*), which starts the feedback window. A member already REPLIED or
     * CLOSED is left alone: false. So is one whose process started on a diagram without those events
     * (before issue 14): its history notes the case's reply (action {@code case-replied}), and its
     * department replies it as before.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean replyAsMember(long memberId, long caseId, String resolution, Outcome outcome) {
        Ticket before = tickets.lock(memberId).orElseThrow(() -> new DomainException.NotFound("ticket",
                String.valueOf(memberId)));
        if (before.status() == TicketStatus.REPLIED || before.status() == TicketStatus.CLOSED) {
            return false;
        }
        if (!process.awaitsCaseReply(before.processInstanceId())) {
            // started on a diagram without the CaseReplied events: its department replies as before
            note(before, TicketEvent.SYSTEM, "case-replied", "牵头事项 " + caseId + " 已答复：[" + outcome + "] "
                    + resolution + "；本事项的流程版本早于共性问题统一答复，请主办部门参照答复");
            return false;
        }
        Instant now = notBefore(before);
        tickets.replied(memberId, resolution, outcome, now, before.repliedLate(now));
        process.caseReplied(before.processInstanceId());
        Ticket after = tickets.findRow(memberId).orElseThrow();
        // the feedback task's listener stamped the status with the change's moment: the member's own goes last
        tickets.touch(memberId, now);
        events.append(memberId, new TicketEvent(now, TicketEvent.SYSTEM, "reply", before.status(), after.status(),
                "共性问题统一答复（牵头事项 " + caseId + "）：[" + outcome + "] " + resolution));
        return true;
    }
}
