package org.sanfu.ticket.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.sanfu.Message;
import org.sanfu.catalog.Catalog;
import org.sanfu.ticket.Source;
import org.sanfu.ticket.TicketAction;
import org.sanfu.ticket.TicketActions;
import org.sanfu.ticket.TicketEvent;
import org.sanfu.ticket.TicketStatus;
import org.sanfu.ticket.TicketView;

/**
 * What a ticket's page says right after an action its form took (#done): the action and the status it
 * left, then, where the action's outcome is not plain from that, what followed from it and who acts next
 * by when (a sign's reply deadline, an extension's new deadline or the one that stands, an assignment's or a
 * reassignment's department and sign deadline, a reopen's department, what dispatch decides on a return and the
 * sign deadline that runs on meanwhile, who asks the enterprise for feedback after a reply and by when, which task
 * force an escalation waits on, that a leader rules on a ticket taken under supervision while whoever had it waits,
 * the reply deadline that stands while an extension waits for approval, and who replies after a co-department's
 * opinion). Read from the ticket as it is after the action, so it says what the
 * process decided, not what the form asked.
 */
final class DoneSentences {

    private DoneSentences() {
    }

    /**
     * The sentences for {@code action} (its URL name) on {@code after}, in order; {@code history} the ticket's, the
     * action's event included, {@code department} words a department's code, {@code when} an instant as the pages
     * show it.
     */
    static List<Message> of(String action, TicketView after, List<TicketEvent> history,
            Function<String, String> department, Function<Instant, String> when) {
        if (TicketAction.COMMENT.urlName().equals(action)) {
            return List.of(Message.of("page.ticket.commented"));
        }
        List<Message> sentences = new ArrayList<>();
        sentences.add(Message.of("page.ticket.done", "done", Message.of("page.ticket.done." + action),
                "status", Message.of("label.status." + after.status())));
        Message followed = followed(action, after, history, department, when);
        if (followed != null) {
            sentences.add(followed);
        }
        return sentences;
    }

    private static Message followed(String action, TicketView t, List<TicketEvent> history,
            Function<String, String> department, Function<Instant, String> when) {
        TicketStatus status = t.status();
        // signing starts the reply clock: the clerk who signed reads by when the enterprise is to be answered
        if (TicketAction.SIGN.urlName().equals(action) && status == TicketStatus.IN_PROGRESS
                && t.replyDeadline() != null) {
            return Message.of("page.ticket.done.then.signed", "deadline", when.apply(t.replyDeadline()));
        }
        if (TicketAction.APPROVE_EXTENSION.urlName().equals(action) && t.replyDeadline() != null) {
            return Message.of("page.ticket.done.then.extended", "deadline", when.apply(t.replyDeadline()));
        }
        // 不同意延期 moved nothing: the office, and the lead reading the ticket after it, see the deadline that stands
        if (TicketAction.REJECT_EXTENSION.urlName().equals(action) && t.replyDeadline() != null) {
            return Message.of("page.ticket.done.then.extension-refused", "deadline", when.apply(t.replyDeadline()));
        }
        // whom the office gave it to and by when they sign: a returned ticket given back to its department keeps
        // the sign deadline it had, which may be near or past, and the office should see that at once
        if (TicketAction.ASSIGN.urlName().equals(action) && status == TicketStatus.ASSIGNED
                && t.leadDepartment() != null && t.signDeadline() != null) {
            return t.coDepartments().isEmpty()
                    ? Message.of("page.ticket.done.then.assigned", "department", department.apply(t.leadDepartment()),
                            "deadline", when.apply(t.signDeadline()))
                    : Message.of("page.ticket.done.then.assigned-with-co", "department",
                            department.apply(t.leadDepartment()), "co", named(t.coDepartments(), department),
                            "deadline", when.apply(t.signDeadline()));
        }
        if (TicketAction.FEEDBACK.urlName().equals(action) && t.replyDeadline() != null) {
            // 不满意: answered again by the lead department, or past the reopens a ticket may have, by a leader
            if (status == TicketStatus.IN_PROGRESS && t.leadDepartment() != null) {
                return Message.of("page.ticket.done.then.reopened", "count", t.reopenCount(),
                        "department", department.apply(t.leadDepartment()), "deadline", when.apply(t.replyDeadline()));
            }
            if (status == TicketStatus.SUPERVISION) {
                return Message.of("page.ticket.done.then.supervised", "count", t.reopenCount(),
                        "deadline", when.apply(t.replyDeadline()));
            }
        }
        // the reply leaves the department's hands: who asks the enterprise next (the office its own hotline and
        // online entries), by when, and what the enterprise's answer does
        if ((TicketAction.REPLY.urlName().equals(action) || TicketAction.ESCALATION_REPLY.urlName().equals(action))
                && status == TicketStatus.REPLIED && t.feedbackDue() != null) {
            return Message.of(Source.isEntry(t.source()) ? "page.ticket.done.then.replied-entry"
                    : "page.ticket.done.then.replied", "deadline", when.apply(t.feedbackDue()));
        }
        // sent up, it waits on a task force whose answer the office enters; the reply deadline is not suspended
        if (TicketAction.ESCALATE.urlName().equals(action) && status == TicketStatus.ESCALATED
                && t.escalationLevel() != null && t.replyDeadline() != null) {
            return Message.of("page.ticket.done.then.escalated", "level",
                    Message.of("label.level." + t.escalationLevel()), "deadline", when.apply(t.replyDeadline()));
        }
        // the returned ticket leaves the department's inbox: what dispatch may decide, and that the clock runs on
        if (TicketAction.RETURN.urlName().equals(action) && status == TicketStatus.DISPATCHING
                && t.signDeadline() != null) {
            return Message.of("page.ticket.done.then.returned", "rule", Message.of(TicketActions.GIVEN_BACK_RULE),
                    "deadline", when.apply(t.signDeadline()));
        }
        // taken from whoever had it: the leader rules now, and those who had it wait; the reply clock runs on
        if (TicketAction.SUPERVISE.urlName().equals(action) && status == TicketStatus.SUPERVISION
                && t.replyDeadline() != null) {
            if (t.leadDepartment() == null) {
                return Message.of("page.ticket.done.then.taken-unassigned", "deadline", when.apply(t.replyDeadline()));
            }
            return Message.of("page.ticket.done.then.taken", "department", department.apply(heldBefore(t, history)),
                    "deadline", when.apply(t.replyDeadline()));
        }
        // asking moves nothing until the office decides: the department must not read its deadline as moved
        if (TicketAction.EXTEND.urlName().equals(action) && status == TicketStatus.IN_PROGRESS
                && t.replyDeadline() != null) {
            return Message.of("page.ticket.done.then.extension-asked", "deadline", when.apply(t.replyDeadline()));
        }
        // the opinion given, the lead answers, once the other co-departments' opinions are in too
        if (TicketAction.CONTRIBUTE.urlName().equals(action) && status == TicketStatus.IN_PROGRESS
                && t.leadDepartment() != null && t.replyDeadline() != null) {
            return t.pendingContributions().isEmpty()
                    ? Message.of("page.ticket.done.then.contributed", "department", department.apply(t.leadDepartment()),
                            "deadline", when.apply(t.replyDeadline()))
                    : Message.of("page.ticket.done.then.contributed-others-pending", "pending",
                            named(t.pendingContributions(), department),
                            "department", department.apply(t.leadDepartment()),
                            "deadline", when.apply(t.replyDeadline()));
        }
        if (TicketAction.RULE.urlName().equals(action) && status == TicketStatus.ASSIGNED
                && t.leadDepartment() != null && t.signDeadline() != null) {
            return Message.of("page.ticket.done.then.reassigned", "department", department.apply(t.leadDepartment()),
                    "deadline", when.apply(t.signDeadline()));
        }
        return null;
    }

    /** Departments as a sentence names them: 交通运输局（港航）、商务局. */
    private static String named(List<String> departments, Function<String, String> department) {
        return String.join("、", departments.stream().map(department).toList());
    }

    /**
     * Who had the ticket a leader has just taken, by the status the supervise event left: the lead department, or the
     * office for one the lead had returned (DISPATCHING, which keeps the lead that returned it) or escalated
     * (ESCALATED: the office enters the task force's answer).
     */
    private static String heldBefore(TicketView t, List<TicketEvent> history) {
        TicketStatus before = null;
        for (TicketEvent event : history) {
            if (TicketAction.SUPERVISE.urlName().equals(event.action())) {
                before = event.fromStatus();
            }
        }
        return before == TicketStatus.DISPATCHING || before == TicketStatus.ESCALATED ? Catalog.DISPATCH
                : t.leadDepartment();
    }
}
