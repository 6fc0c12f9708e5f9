package org.sanfu.ticket;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A ticket as API.md shows it, with the actions the signed-in user may take on it now. */
public record TicketView(
        String id,
        @Schema(description = "The visit the problem was heard on; null for a channel's problem")
        String visitId,
        String enterpriseCreditCode,
        String enterpriseName,
        String town,
        String category,
        String categoryLabel,
        String title,
        String description,
        Urgency urgency,
        @Schema(description = "VISIT, FORUM, HOTLINE, ONLINE (a visit's sources), SYSTEMIC (a systemic problem's case) or a channel's code")
        String source,
        TicketStatus status,
        String leadDepartment,
        List<String> coDepartments,
        String reporter,
        Instant reportedAt,
        Instant assignedAt,
        Instant signedAt,
        Instant repliedAt,
        Instant closedAt,
        Instant signDeadline,
        Instant replyDeadline,
        boolean overdue,
        boolean signOverdue,
        boolean replyOverdue,
        Instant feedbackDue,
        int reopenCount,
        int returnCount,
        EscalationLevel escalationLevel,
        Satisfaction satisfaction,
        String resolution,
        Outcome outcome,
        boolean resolvedOnSite,
        List<Ticket.Contribution> contributions,
        List<String> pendingContributions,
        Ticket.ExtensionRequest extensionRequest,
        List<String> allowedActions,
        /** (Addition) The moment of the ticket's last change (API.md): an integrator's pull asks updatedSince it. */
        Instant updatedAt) {

    static TicketView of(Ticket t, String categoryLabel, List<String> allowedActions) {
        return new TicketView(String.valueOf(t.id()), t.visitId() == null ? null : String.valueOf(t.visitId()), t.enterpriseCreditCode(),
                t.enterpriseName(), t.town(), t.category(), categoryLabel, t.title(), t.description(), t.urgency(),
                t.source(), t.status(), t.leadDepartment(), t.coDepartments(), t.reporter(), t.reportedAt(),
                t.assignedAt(), t.signedAt(), t.repliedAt(), t.closedAt(), t.signDeadline(), t.replyDeadline(),
                t.overdue(), t.clocks().signOverdue(), t.clocks().replyOverdue(), t.clocks().feedbackDue(),
                t.reopenCount(), t.returnCount(), t.escalationLevel(), t.satisfaction(), t.resolution(),
                t.outcome(), t.resolvedOnSite(), t.contributions(), t.openParts(), t.extensionRequest(), allowedActions,
                t.updatedAt());
    }

    /**
     * The deadline the ticket now runs against: signing while assigned, the enterprise's feedback once
     * replied, otherwise the reply while it is open: at dispatch and under a leader's supervision too, as
     * its reply clock runs there, except for a returned ticket (below); none once closed.
     * While assigned, the reply's when it comes first: a problem reported long before it was assigned (a
     * visit logged late, a ticket long at dispatch) can miss its reply deadline before it is even signed,
     * and a card marked 超期 must show the deadline it missed, not a sign deadline still ahead.
     */
    public Instant currentDeadline() {
        return switch (status) {
            case ASSIGNED -> signUnlessReplyFirst();
            // returned: dispatch gives it back to the same department, whose sign deadline runs on through the
            // return (TicketActions.assign), or to another with a sign clock of its own; the card says by when
            // the department would have to sign, which is what giving it back now means
            case DISPATCHING -> returnedByLead() && signDeadline != null ? signUnlessReplyFirst() : replyDeadline;
            case IN_PROGRESS, ESCALATED, SUPERVISION -> replyDeadline;
            case REPLIED -> feedbackDue;
            case CLOSED -> null;
        };
    }

    private Instant signUnlessReplyFirst() {
        return replyDeadline != null && signDeadline != null && replyDeadline.isBefore(signDeadline)
                ? replyDeadline : signDeadline;
    }

    /**
     * Whether the lead department sent the ticket back and dispatch has not assigned it again: the lead it
     * still names is the one that returned it (kept so that assigning it back rejects the return), not
     * a department that has it now.
     */
    public boolean returnedByLead() {
        return status == TicketStatus.DISPATCHING && leadDepartment != null && returnCount > 0;
    }

    /**
     * Whether the problem was resolved on site and has gone to no department since: it waits for the enterprise's
     * rating, or was closed on it. No department owes it anything, and it has no sign or reply deadline; the
     * enterprise's 不满意 sends it to dispatch to assign (DISPATCHING), which ends this.
     */
    public boolean resolvedOnSiteOnly() {
        return resolvedOnSite && leadDepartment == null
                && (status == TicketStatus.REPLIED || status == TicketStatus.CLOSED);
    }

    /**
     * Whether the ticket waits for dispatch to give it a lead department (待交办): unassigned and DISPATCHING. One
     * without a department in another status is not waiting on dispatch: resolved on site, answered with its
     * systemic problem, or in a leader's hands (领导督办), who rules on it.
     */
    public boolean waitsForAssignment() {
        return leadDepartment == null && status == TicketStatus.DISPATCHING;
    }

    /**
     * Whether the ticket is overdue only on a deadline since restarted (replied late and reopened, reassigned after a
     * missed sign): 超期 stays on it, and no deadline it runs against now is missed. Named 此前超期.
     */
    public boolean overdueEarlierOnly() {
        return overdue && !signOverdue && !replyOverdue;
    }

    /**
     * Whether the enterprise's 不满意 sent the ticket back to be handled again (重办) and no reply has come since: it was
     * reopened at least once, and every reply ends in REPLIED, then CLOSED or another reopen, so a reopened ticket in
     * any other status still owes the answer to that 不满意 (a leader's hands included, where its ruling owes it).
     */
    public boolean handledAgain() {
        return reopenCount > 0 && status != TicketStatus.REPLIED && status != TicketStatus.CLOSED;
    }

    /** Whether the problem came from an entry dispatch logged (a hotline call, an online report): Source.isEntry. */
    public boolean fromEntry() {
        return Source.isEntry(source);
    }

    /**
     * Which deadline {@link #currentDeadline()} is: "sign", "sign-if-given-back" (a returned ticket's, which binds
     * its department only if dispatch gives it back), "reply" or "feedback" (null with none), to name it.
     */
    public String currentDeadlineKind() {
        Instant deadline = currentDeadline();
        if (deadline == null) {
            return null;
        }
        if (status == TicketStatus.REPLIED) {
            return "feedback";
        }
        if (deadline.equals(signDeadline) && status == TicketStatus.ASSIGNED) {
            return "sign";
        }
        return deadline.equals(signDeadline) && returnedByLead() ? "sign-if-given-back" : "reply";
    }
}
