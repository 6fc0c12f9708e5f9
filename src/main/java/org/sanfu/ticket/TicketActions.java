package org.sanfu.ticket;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sanfu.DomainException;
import org.sanfu.Message;
import org.sanfu.SanfuProperties;
import org.sanfu.calendar.WorkingDayCalendar;
import org.sanfu.catalog.Catalog;
import org.sanfu.security.Caller;
import org.sanfu.sla.Notification;
import org.sanfu.sla.Notifications;
import org.sanfu.ticket.process.TicketProcess;
import org.sanfu.ticket.process.TicketProcessGateway;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What people do to a ticket: one use case per action of API.md, each taking a command the web edge
 * has validated already. Each locks the ticket's row, checks whose the action is (403) and whether
 * the process offers it now (409), records what the action brings, completes the task it belongs to,
 * and appends one history event, all in one transaction: the process decides the new status.
 */
@Service
public class TicketActions {

    /** The actor of what an enterprise did itself (through a feedback link), before its credit code. */
    public static final String ENTERPRISE_ACTOR = "enterprise:";
    /** The actor of what a channel (the 12345 hotline's machine and the like) did by its key, before its code. */
    public static final String CHANNEL_ACTOR = "channel:";

    /**
     * The key of the rule that a returned ticket given back to its department keeps the sign deadline it had: the
     * one wording of it that the pages' texts compose and the assign event names.
     */
    public static final String GIVEN_BACK_RULE = "ticket.rule.given-back-sign-deadline";
    /** What assigning a returned ticket to another department means for its sign clock. */
    public static final String UPHELD_RETURN_RULE = "ticket.rule.upheld-return";
    /** What giving a returned ticket back to its department means: the verdict, with {@link #GIVEN_BACK_RULE}. */
    public static final String GIVEN_BACK_RETURN_RULE = "ticket.rule.given-back-return";

    private final Tickets tickets;
    private final TicketEvents events;
    private final TicketQueries queries;
    private final TicketPolicy policy;
    private final TicketDeadlines clocks;
    private final TicketProcessGateway process;
    private final WorkingDayCalendar calendar;
    private final Catalog catalog;
    private final SanfuProperties properties;
    private final ApplicationEventPublisher published;
    private final Notifications notifications;
    private final Extensions extensions;
    private final MessageSource messages;
    private final TicketMetrics metrics;

    TicketActions(Tickets tickets, TicketEvents events, TicketQueries queries, TicketPolicy policy, TicketDeadlines clocks,
            TicketProcessGateway process, WorkingDayCalendar calendar, Catalog catalog, SanfuProperties properties,
            ApplicationEventPublisher published, Notifications notifications, Extensions extensions,
            MessageSource messages, TicketMetrics metrics) {
        this.messages = messages;
        this.metrics = metrics;
        this.extensions = extensions;
        this.notifications = notifications;
        this.published = published;
        this.tickets = tickets;
        this.events = events;
        this.queries = queries;
        this.policy = policy;
        this.clocks = clocks;
        this.process = process;
        this.calendar = calendar;
        this.catalog = catalog;
        this.properties = properties;
    }

    /**
     * 404 for an unknown ticket, 403 when the action is not the caller's; changes nothing. The web
     * edge asks this before it judges the body, so the checks keep API.md's order.
     */
    @Transactional(readOnly = true)
    public void checkMayTake(String id, Caller caller, TicketAction action) {
        Ticket ticket = tickets.find(TicketQueries.parseId(id)).orElseThrow(() -> new DomainException.NotFound("ticket", id));
        if (!policy.belongsTo(action, ticket, caller)) {
            throw notYours(id, action);
        }
    }

    /**
     * Dispatch names the lead and co-departments. Assigning to another department upholds a return
     * and starts a new sign clock; assigning back to the department that returned it rejects the
     * return, and that department's original sign deadline keeps running. (Addition) A category other than the
     * ticket's re-classifies it (重新分类) in the same step: every reader of the row (the list, the figures, the
     * search index, the systemic scan) sees the new one from this commit; the limits and deadlines stay, for
     * dispatch names the department itself and the reply clock counts from the report.
     */
    @Transactional
    public TicketView assign(String id, Caller caller, ActionRequests.Assign command) {
        return perform(id, caller, TicketAction.ASSIGN, (ticket, task, now) -> {
            // codes in any ASCII case, as the lists and intake read them (Catalog: finance is FINANCE); filed in capitals
            String category = catalog.category(command.category());
            boolean reclassified = category != null && !category.equals(ticket.category());
            if (reclassified) {
                tickets.reclassified(ticket.id(), category, now);
                metrics.reclassified(ticket.category(), category);
            }
            String lead = catalog.department(command.leadDepartment());
            List<String> co = departments(command.coDepartments());
            boolean returnRejected = lead.equals(ticket.leadDepartment()) && ticket.signDeadline() != null;
            Instant signDeadline = returnRejected ? ticket.signDeadline()
                    : calendar.plusWorkingDays(now, ticket.signLimit());
            Instant replyDeadline = ticket.replyDeadline() != null ? ticket.replyDeadline()
                    : calendar.plusWorkingDays(ticket.reportedAt(), ticket.replyLimit());
            tickets.route(ticket.id(), lead, co, ticket.signLimit(), ticket.replyLimit(), now,
                    signDeadline, replyDeadline, returnRejected ? null : now, now);
            process.complete(task.taskId(), Map.of(TicketProcess.VAR_LEAD_DEPARTMENT, lead));

            StringBuilder detail = new StringBuilder(describeDepartments(lead, co));
            if (ticket.returnCount() > 0 && ticket.leadDepartment() != null) {
                // the history is kept in Chinese (API.md), so the rule is worded in Chinese whoever asks
                detail.append("；").append(returnRejected
                        ? messages.getMessage(GIVEN_BACK_RETURN_RULE,
                                new Object[] {messages.getMessage(GIVEN_BACK_RULE, null, Locale.SIMPLIFIED_CHINESE)},
                                Locale.SIMPLIFIED_CHINESE)
                        : messages.getMessage(UPHELD_RETURN_RULE, null, Locale.SIMPLIFIED_CHINESE));
            }
            if (reclassified) {
                // in Chinese as the rules above; a sanfu.* text is filled by name, not by MessageFormat
                Message said = Message.of("sanfu.ticket.reclassified", "from", catalog.categoryLabel(ticket.category()),
                        "to", catalog.categoryLabel(category));
                detail.append("；").append(said.fill(
                        messages.getMessage(said.code(), null, Locale.SIMPLIFIED_CHINESE), Message::english));
            }
            return withNote(detail.toString(), command.note());
        });
    }

    @Transactional
    public TicketView sign(String id, Caller caller) {
        return perform(id, caller, TicketAction.SIGN, (ticket, task, now) -> {
            boolean late = ticket.signedLate(now);
            tickets.signed(ticket.id(), now, late);
            process.complete(task.taskId(), Map.of(TicketProcess.VAR_DECISION, TicketProcess.SIGN));
            return late ? "超过签收时限" : null;
        });
    }

    /** The department sends back a ticket that is not its business; dispatch arbitrates; the third goes to a leader. */
    @Transactional
    public TicketView returnTicket(String id, Caller caller, ActionRequests.Return command) {
        return perform(id, caller, TicketAction.RETURN, (ticket, task, now) -> {
            tickets.returned(ticket.id(), ticket.leadDepartment(), now);
            process.complete(task.taskId(), Map.of(TicketProcess.VAR_DECISION, TicketProcess.RETURN));
            return command.reason();
        });
    }

    /** A co-department's part (协办): its opinion, which the lead waits for before replying. */
    @Transactional
    public TicketView contribute(String id, Caller caller, ActionRequests.Contribute command) {
        return perform(id, caller, TicketAction.CONTRIBUTE, (ticket, task, now) -> {
            String opinion = command.opinion().strip();
            tickets.contributed(ticket.id(), task.candidateGroup(), opinion, caller.username(), now);
            process.complete(task.taskId(), Map.of());
            return catalog.departmentLabel(task.candidateGroup()) + "：" + opinion;
        });
    }

    @Transactional
    public TicketView reply(String id, Caller caller, ActionRequests.Reply command) {
        TicketView replied = perform(id, caller, TicketAction.REPLY, (ticket, task, now) -> {
            tickets.replied(ticket.id(), command.resolution(), command.outcome(), now, ticket.repliedLate(now));
            process.complete(task.taskId(), Map.of(TicketProcess.VAR_DECISION, TicketProcess.REPLY));
            return "[" + command.outcome() + "] " + command.resolution();
        });
        published.publishEvent(new TicketReplied(Long.parseLong(replied.id()), command.resolution(), command.outcome()));
        return replied;
    }

    /** The lead asks dispatch for more working days (延期); one request may be pending at a time. */
    @Transactional
    public TicketView extend(String id, Caller caller, ActionRequests.Extend command) {
        return perform(id, caller, TicketAction.EXTEND, (ticket, task, now) -> {
            String reason = command.reason().strip();
            tickets.extensionRequested(ticket.id(), command.workingDays(), reason, now);
            process.requestExtension(ticket.processInstanceId());
            return "申请延期 " + command.workingDays() + " 个工作日：" + reason;
        });
    }

    /** Dispatch grants the pending extension: the reply deadline, and so the reply clock, moves. */
    @Transactional
    public TicketView approveExtension(String id, Caller caller, ActionRequests.DecideExtension command) {
        return perform(id, caller, TicketAction.APPROVE_EXTENSION, (ticket, task, now) -> {
            int days = ticket.extensionRequest().workingDays();
            Instant moved = extensions.movedTo(ticket.replyDeadline(), days);
            tickets.extensionDecided(ticket.id(), moved, now);
            clocks.run(ticket.id(), DeadlineClock.REPLY);
            process.complete(task.taskId(), Map.of());
            return withNote(Extensions.grantedText(days, LocalDate.ofInstant(moved, properties.zone()).toString()),
                    command.note());
        });
    }

    @Transactional
    public TicketView rejectExtension(String id, Caller caller, ActionRequests.DecideExtension command) {
        return perform(id, caller, TicketAction.REJECT_EXTENSION, (ticket, task, now) -> {
            int days = ticket.extensionRequest().workingDays();
            tickets.extensionDecided(ticket.id(), ticket.replyDeadline(), now);
            process.complete(task.taskId(), Map.of());
            return withNote("不同意延期 " + days + " 个工作日，答复期限不变", command.note());
        });
    }

    /** Beyond the county's power: the lead hands it to the city or provincial task force. */
    @Transactional
    public TicketView escalate(String id, Caller caller, ActionRequests.Escalate command) {
        return perform(id, caller, TicketAction.ESCALATE, (ticket, task, now) -> {
            tickets.escalated(ticket.id(), command.level(), now);
            process.complete(task.taskId(), Map.of(TicketProcess.VAR_DECISION, TicketProcess.ESCALATE));
            return (command.level() == EscalationLevel.CITY ? "上报市专班：" : "上报省专班：") + command.reason().strip();
        });
    }

    /** Dispatch records the task force's answer; the enterprise is then asked for feedback. */
    @Transactional
    public TicketView escalationReply(String id, Caller caller, ActionRequests.Reply command) {
        TicketView replied = perform(id, caller, TicketAction.ESCALATION_REPLY, (ticket, task, now) -> {
            tickets.replied(ticket.id(), command.resolution(), command.outcome(), now, ticket.repliedLate(now));
            process.complete(task.taskId(), Map.of());
            return "[" + command.outcome() + "] " + command.resolution();
        });
        published.publishEvent(new TicketReplied(Long.parseLong(replied.id()), command.resolution(), command.outcome()));
        return replied;
    }

    /**
     * Any service staff, and dispatch on a hotline or online entry (Task_Feedback's candidate groups), records what
     * the enterprise said of the reply (回访).
     */
    @Transactional
    public TicketView feedback(String id, Caller caller, ActionRequests.Feedback command) {
        TicketView after = perform(id, caller, TicketAction.FEEDBACK, rating(command));
        // a one-time link the enterprise may still hold is voided with it, in this transaction (feedback module)
        published.publishEvent(new FeedbackRecorded(Long.parseLong(after.id()), caller.username(), after.status()));
        return after;
    }

    /**
     * Staff recorded the enterprise's feedback themselves (not through a link): published in the action's
     * transaction, after its history event, to listeners that run in it.
     */
    public record FeedbackRecorded(long ticketId, String actor, TicketStatus status) {}

    /**
     * The enterprise rates the reply itself, through a one-time link (feedback module): exactly the step
     * of {@link #feedback}, recorded with {@code enterprise:<creditCode>} as actor. The link is the
     * credential, so no role is asked for; the ticket must still wait for feedback on the very reply the
     * link was issued for ({@code repliedAt}), else 409 and nothing changes.
     *
     * @return the ticket's status after the feedback (CLOSED, IN_PROGRESS or SUPERVISION)
     */
    @Transactional
    public TicketStatus feedbackFromEnterprise(long id, Instant repliedAt, ActionRequests.Feedback command) {
        Ticket before = tickets.lock(id).orElseThrow(() -> new DomainException.NotFound("ticket", String.valueOf(id)));
        return feedbackBy(before, ENTERPRISE_ACTOR + before.enterpriseCreditCode(), command,
                repliedAt.equals(before.repliedAt()), false);
    }

    /**
     * The channel that filed the ticket passes on its caller's rating of the reply (a 12345 centre calls its
     * callers back, 回访): exactly the step of {@link #feedback}, recorded with {@code channel:<code>} as actor. The
     * channel's key and its own external id are the credential (channel module), so no role is asked for; a
     * ticket that does not wait for feedback is 409 and nothing changes, unless this channel's very rating is what
     * closed its waiting (a request sent again after its answer was lost): then it is answered as it was, and nothing
     * is recorded twice. A link the enterprise may still hold is voided with it, as when staff record the feedback.
     *
     * @return the ticket's status after the feedback (CLOSED, IN_PROGRESS or SUPERVISION)
     */
    @Transactional
    public TicketStatus feedbackFromChannel(long id, String channel, ActionRequests.Feedback command) {
        String actor = CHANNEL_ACTOR + channel;
        Ticket before = tickets.lock(id).orElseThrow(() -> new DomainException.NotFound("ticket", String.valueOf(id)));
        if (!RepliedTickets.awaitsFeedback(before) && sentAgain(before, actor, command)) {
            return before.status();
        }
        return feedbackBy(before, actor, command, true, true);
    }

    /** Whether the ticket's latest rating is this one, by this actor: the same request sent again. */
    private boolean sentAgain(Ticket ticket, String actor, ActionRequests.Feedback command) {
        List<TicketEvent> history = events.history(ticket.id());
        for (int i = history.size() - 1; i >= 0; i--) {
            TicketEvent event = history.get(i);
            if (event.action().equals(TicketAction.FEEDBACK.urlName())) {
                return event.actor().equals(actor) && event.detail().equals(rated(command));
            }
        }
        return false;
    }

    /**
     * A rating recorded as {@link #feedback} records it, by {@code actor}, on the locked ticket when it waits for it
     * and {@code still} holds; else 409 and nothing changes. Staff's recording voids a live link in the feedback module
     * ({@link FeedbackRecorded}); {@code voidsLinks} asks the same.
     */
    private TicketStatus feedbackBy(Ticket before, String actor, ActionRequests.Feedback command, boolean still,
            boolean voidsLinks) {
        if (!RepliedTickets.awaitsFeedback(before) || !still) {
            throw new DomainException.NotNow(notNow(before, TicketAction.FEEDBACK, null));
        }
        Ticket.OpenTask task = before.openTasks().stream()
                .filter(t -> t.taskKey().equals(TicketProcess.TASK_FEEDBACK)).findFirst().orElseThrow();
        Ticket after = record(before, task, actor, TicketAction.FEEDBACK, rating(command), tickets.now());
        if (voidsLinks) {
            published.publishEvent(new FeedbackRecorded(after.id(), actor, after.status()));
        }
        return after.status();
    }

    private Step rating(ActionRequests.Feedback command) {
        return (ticket, task, now) -> {
            tickets.rated(ticket.id(), command.satisfaction(), now);
            process.complete(task.taskId(), Map.of(
                    TicketProcess.VAR_SATISFIED, command.satisfaction() != Satisfaction.DISSATISFIED));
            return rated(command);
        };
    }

    /** What the history says of a rating: the grade, and the comment after it. */
    private static String rated(ActionRequests.Feedback command) {
        return withNote(command.satisfaction().name(), command.comment());
    }

    /**
     * A leader takes a ticket that waits to be assigned, signed, handled or answered by the task force
     * under supervision (督办), to rule on it: what it waited in ends (BoundaryEvent_Supervised_*).
     */
    @Transactional
    public TicketView supervise(String id, Caller caller, ActionRequests.Supervise command) {
        return perform(id, caller, TicketAction.SUPERVISE, (ticket, task, now) -> {
            String reason = command.reason().strip();
            process.supervise(ticket.processInstanceId());
            // whoever had work on it (the lead, a co-department's open part, the task force office's assignment,
            // answer or extension decision) sees it leave: they hear why, and that it waits for a leader's ruling
            Set<String> stopped = new LinkedHashSet<>(List.of(ticket.holder()));
            ticket.openTasks().forEach(open -> stopped.add(open.candidateGroup()));
            for (String group : stopped) {
                notifications.send(ticket.notice(Notification.Kind.SUPERVISION, group, ticket.replyDeadline(),
                        "已由领导督办，暂停办理，等待领导裁定：" + reason));
            }
            return reason;
        });
    }

    /** A leader's ruling under supervision (督办): strike it off, or give it to a department afresh. */
    @Transactional
    public TicketView rule(String id, Caller caller, ActionRequests.Rule command) {
        return perform(id, caller, TicketAction.RULE, (ticket, task, now) -> {
            if (command.decision() == ActionRequests.Ruling.CLOSE) {
                process.complete(task.taskId(), Map.of(TicketProcess.VAR_RULING, command.decision().name()));
                return "督办裁定销号：" + command.note().strip();
            }
            String lead = catalog.department(command.leadDepartment());
            List<String> co = command.coDepartments() != null ? departments(command.coDepartments())
                    : ticket.coDepartments().stream().filter(d -> !d.equals(lead)).toList();
            tickets.route(ticket.id(), lead, co, ticket.signLimit(), ticket.replyLimit(), now,
                    calendar.plusWorkingDays(now, ticket.signLimit()), ticket.replyDeadline(), now, now);
            process.complete(task.taskId(), Map.of(TicketProcess.VAR_RULING, command.decision().name(),
                    TicketProcess.VAR_LEAD_DEPARTMENT, lead));
            return withNote("督办裁定改派：" + describeDepartments(lead, co), command.note());
        });
    }

    /** Anyone who may see the ticket, in any status; it moves nothing. */
    @Transactional
    public TicketView comment(String id, Caller caller, ActionRequests.Comment command) {
        return perform(id, caller, TicketAction.COMMENT, (ticket, task, now) -> {
            tickets.touch(ticket.id(), now);
            return command.text().strip();
        });
    }

    /**
     * What a channel sent again under an external id it filed before, where it differs from the ticket (a 12345 centre
     * adds what the caller said on a second call): kept in the ticket's history as a comment by {@code channel:<code>},
     * for the department and the office to read, the ticket itself unchanged; the same text again is kept once.
     * Whether anything was added.
     */
    @Transactional
    public boolean noteFromChannel(long id, String channel, String text) {
        String actor = CHANNEL_ACTOR + channel;
        Ticket ticket = tickets.lock(id).orElseThrow(() -> new DomainException.NotFound("ticket", String.valueOf(id)));
        String action = TicketAction.COMMENT.urlName();
        if (events.history(id).stream().anyMatch(e -> e.actor().equals(actor) && e.action().equals(action)
                && e.detail().equals(text))) {
            return false;
        }
        Instant now = tickets.now();
        tickets.touch(id, now);
        events.append(id, new TicketEvent(now, actor, action, ticket.status(), ticket.status(), text));
        return true;
    }

    /** The departments as the catalog writes their codes, each sent in any ASCII case (Catalog#department). */
    private List<String> departments(List<String> sent) {
        return sent == null ? List.of() : sent.stream().map(catalog::department).toList();
    }

    /** One action's own part: records what it brings, completes its task, and says what to record. */
    @FunctionalInterface
    private interface Step {
        String apply(Ticket ticket, Ticket.OpenTask task, Instant now);
    }

    private TicketView perform(String id, Caller caller, TicketAction action, Step step) {
        Ticket before = tickets.lock(TicketQueries.parseId(id))
                .orElseThrow(() -> new DomainException.NotFound("ticket", id));
        if (!policy.belongsTo(action, before, caller)) {
            throw notYours(id, action);
        }
        // the change's one moment: the process's listeners this action moves read the same (Tickets.now)
        Instant now = tickets.now();
        Ticket.OpenTask task = null;
        if (action != TicketAction.COMMENT) {
            task = policy.offered(action, before, caller, now).orElseThrow(() -> new DomainException.NotNow(
                    notNow(before, action, policy.whyNot(action, before, caller, now))));
        }
        return queries.view(record(before, task, caller.username(), action, step, now), caller);
    }

    /** The action's own step on the locked ticket, and its history event: the ticket after. */
    private Ticket record(Ticket before, Ticket.OpenTask task, String actor, TicketAction action, Step step,
            Instant now) {
        String detail = step.apply(before, task, now);
        Ticket after = tickets.afterStep(before);
        events.append(after.id(), new TicketEvent(now, actor, action.urlName(), before.status(), after.status(),
                detail));
        return after;
    }

    /** A status or an action as the reader's language names it: 办理中 / IN_PROGRESS, 答复 / reply. */
    private static Message label(TicketStatus status) {
        return Message.of("label.status." + status);
    }

    private static Message label(TicketAction action) {
        return Message.of("label.action." + action.urlName());
    }

    private static Message notNow(Ticket ticket, TicketAction action, Message why) {
        return why == null
                ? Message.of("sanfu.ticket.not-now", "id", ticket.id(), "status", label(ticket.status()),
                        "action", label(action))
                : Message.of("sanfu.ticket.not-now-because", "id", ticket.id(), "status", label(ticket.status()),
                        "action", label(action), "reason", why);
    }

    private static DomainException notYours(String id, TicketAction action) {
        return new DomainException.NotYours(Message.of("sanfu.ticket.not-yours", "id", id, "action", label(action)));
    }

    private String describeDepartments(String lead, List<String> co) {
        return "主办 " + catalog.departmentLabel(lead) + (co.isEmpty() ? ""
                : "；协办 " + String.join("、", co.stream().map(catalog::departmentLabel).toList()));
    }

    private static String withNote(String text, String note) {
        return note == null || note.isBlank() ? text : text + "；" + note.strip();
    }
}
