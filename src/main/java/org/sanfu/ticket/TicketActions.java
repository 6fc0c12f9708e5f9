package org.sanfu.ticket;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.sanfu.SanfuProperties;
import org.sanfu.calendar.WorkingDayCalendar;
import org.sanfu.catalog.Catalog;
import org.sanfu.security.Caller;
import org.sanfu.ticket.process.TicketProcess;
import org.sanfu.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What people do to a ticket. Each action locks the ticket's row, checks in API.md's order (404,
 * 403, 409), completes the user task the action belongs to, and appends one history event, all in
 * one transaction: the process decides the new status, the event records the move. Commands arrive
 * valid: the web edge checks them (400) after {@link #checkMayTake} and before the action.
 */
@Service
public class TicketActions {

    private final Tickets tickets;
    private final TicketEvents events;
    private final TicketQueries queries;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final WorkingDayCalendar calendar;
    private final Catalog catalog;
    private final SanfuProperties properties;
    private final Clock clock;

    TicketActions(Tickets tickets, TicketEvents events, TicketQueries queries, TaskService tasks,
            RuntimeService runtime, ManagementService management, WorkingDayCalendar calendar, Catalog catalog,
            SanfuProperties properties, Clock clock) {
        this.tickets = tickets;
        this.events = events;
        this.queries = queries;
        this.tasks = tasks;
        this.runtime = runtime;
        this.management = management;
        this.calendar = calendar;
        this.catalog = catalog;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * 404 for an unknown ticket, 403 when the action is not the caller's; changes nothing. The web edge
     * asks this before it judges the body, so that the checks come in API.md's order; the action asks
     * again under the row's lock.
     */
    @Transactional(readOnly = true)
    public void checkMayTake(String id, Caller caller, TicketAction action) {
        Ticket ticket = tickets.find(TicketQueries.parseId(id)).orElseThrow(() -> ApiException.notFound("ticket", id));
        requireMayTake(id, caller, action, ticket);
    }

    /**
     * Dispatch names the lead and co-departments. Assigning to another department upholds a return
     * and starts a new sign clock; assigning back to the department that returned it rejects the
     * return, and that department's original sign deadline keeps running.
     */
    @Transactional
    public TicketView assign(String id, Caller caller, ActionRequests.Assign request) {
        return perform(id, caller, TicketAction.ASSIGN, (ticket, now) -> {
            List<String> co = request.coDepartments() == null ? List.of() : request.coDepartments();
            Task task = task(ticket, TicketAction.ASSIGN, TicketProcess.TASK_ASSIGN);

            boolean returnRejected = request.leadDepartment().equals(ticket.leadDepartment())
                    && ticket.signDeadline() != null;
            Instant signDeadline = returnRejected ? ticket.signDeadline()
                    : calendar.plusWorkingDays(now, ticket.signLimit());
            Instant replyDeadline = ticket.replyDeadline() != null ? ticket.replyDeadline()
                    : calendar.plusWorkingDays(ticket.reportedAt(), ticket.replyLimit());
            tickets.route(ticket.id(), request.leadDepartment(), co, ticket.signLimit(), ticket.replyLimit(), now,
                    signDeadline, replyDeadline, returnRejected ? null : now, now);
            tasks.complete(task.getId(), Map.of(TicketProcess.VAR_LEAD_DEPARTMENT, request.leadDepartment()));

            StringBuilder detail = new StringBuilder(describeDepartments(request.leadDepartment(), co));
            if (ticket.returnCount() > 0 && ticket.leadDepartment() != null) {
                detail.append(returnRejected ? "；退回不成立，原签收时限继续计算" : "；退回成立，重新计算签收时限");
            }
            return withNote(detail.toString(), request.note());
        });
    }

    @Transactional
    public TicketView sign(String id, Caller caller) {
        return perform(id, caller, TicketAction.SIGN, (ticket, now) -> {
            Task task = task(ticket, TicketAction.SIGN, TicketProcess.TASK_SIGN);
            boolean late = ticket.signDeadline() != null && now.isAfter(ticket.signDeadline());
            tickets.signed(ticket.id(), now, late);
            tasks.complete(task.getId(), Map.of(TicketProcess.VAR_DECISION, TicketProcess.SIGN));
            return late ? "超过签收时限" : null;
        });
    }

    /** The department sends back a ticket that is not its business; dispatch arbitrates; the third goes to a leader. */
    @Transactional
    public TicketView returnTicket(String id, Caller caller, ActionRequests.Return request) {
        return perform(id, caller, TicketAction.RETURN, (ticket, now) -> {
            Task task = task(ticket, TicketAction.RETURN, TicketProcess.TASK_SIGN, TicketProcess.TASK_HANDLE);
            tickets.returned(ticket.id(), now);
            tasks.complete(task.getId(), Map.of(TicketProcess.VAR_DECISION, TicketProcess.RETURN,
                    TicketProcess.VAR_RETURN_COUNT, ticket.returnCount() + 1));
            return request.reason();
        });
    }

    /** A co-department's part (协办): its opinion, which the lead waits for before replying. */
    @Transactional
    public TicketView contribute(String id, Caller caller, ActionRequests.Contribute request) {
        return perform(id, caller, TicketAction.CONTRIBUTE, (ticket, now) -> {
            Task task = tasks.createTaskQuery().processInstanceId(ticket.processInstanceId())
                    .taskDefinitionKey(TicketProcess.TASK_CONTRIBUTE).taskCandidateGroup(caller.department())
                    .singleResult();
            if (task == null) {
                throw notNow(ticket, TicketAction.CONTRIBUTE, "no part of " + caller.department() + " is open");
            }
            tickets.contributed(ticket.id(), caller.department(), request.opinion().strip(), caller.username(), now);
            tasks.complete(task.getId());
            return catalog.departmentLabel(caller.department()) + "：" + request.opinion().strip();
        });
    }

    @Transactional
    public TicketView reply(String id, Caller caller, ActionRequests.Reply request) {
        return perform(id, caller, TicketAction.REPLY, (ticket, now) -> {
            Task task = task(ticket, TicketAction.REPLY, TicketProcess.TASK_HANDLE);
            long openParts = tasks.createTaskQuery().processInstanceId(ticket.processInstanceId())
                    .taskDefinitionKey(TicketProcess.TASK_CONTRIBUTE).count();
            if (openParts > 0) {
                throw notNow(ticket, TicketAction.REPLY, "co-departments " + String.join(", ", ticket.openParts())
                        + " have not contributed yet");
            }
            tickets.replied(ticket.id(), request.resolution(), request.outcome(), now, late(ticket, now));
            tasks.complete(task.getId(), Map.of(TicketProcess.VAR_DECISION, TicketProcess.REPLY));
            return "[" + request.outcome() + "] " + request.resolution();
        });
    }

    /** The lead asks dispatch for more working days (延期); one request may be pending at a time. */
    @Transactional
    public TicketView extend(String id, Caller caller, ActionRequests.Extend request) {
        return perform(id, caller, TicketAction.EXTEND, (ticket, now) -> {
            task(ticket, TicketAction.EXTEND, TicketProcess.TASK_HANDLE);
            if (!now.isBefore(ticket.replyDeadline())) {
                throw notNow(ticket, TicketAction.EXTEND, "the reply deadline has passed; an extension must be "
                        + "asked before it");
            }
            if (ticket.extensionRequest() != null || !tasks.createTaskQuery()
                    .processInstanceId(ticket.processInstanceId())
                    .taskDefinitionKey(TicketProcess.TASK_DECIDE_EXTENSION).list().isEmpty()) {
                throw notNow(ticket, TicketAction.EXTEND, "an extension request is already waiting for dispatch");
            }
            tickets.extensionRequested(ticket.id(), request.workingDays(), request.reason().strip(), now);
            runtime.createMessageCorrelation(TicketProcess.MESSAGE_EXTENSION_REQUESTED)
                    .processInstanceId(ticket.processInstanceId()).correlate();
            return "申请延期 " + request.workingDays() + " 个工作日：" + request.reason().strip();
        });
    }

    /** Dispatch grants the pending extension: the reply deadline moves by that many working days. */
    @Transactional
    public TicketView approveExtension(String id, Caller caller, ActionRequests.DecideExtension request) {
        return perform(id, caller, TicketAction.APPROVE_EXTENSION, (ticket, now) -> {
            Task task = task(ticket, TicketAction.APPROVE_EXTENSION, TicketProcess.TASK_DECIDE_EXTENSION);
            int days = ticket.extensionRequest().workingDays();
            Instant moved = calendar.plusWorkingDays(ticket.replyDeadline(), days);
            tickets.extensionDecided(ticket.id(), moved, now);
            rescheduleReplyTimers(ticket);
            tasks.complete(task.getId());
            return withNote("同意延期 " + days + " 个工作日，办理时限延至 "
                    + LocalDate.ofInstant(moved, properties.zone()), request.note());
        });
    }

    @Transactional
    public TicketView rejectExtension(String id, Caller caller, ActionRequests.DecideExtension request) {
        return perform(id, caller, TicketAction.REJECT_EXTENSION, (ticket, now) -> {
            Task task = task(ticket, TicketAction.REJECT_EXTENSION, TicketProcess.TASK_DECIDE_EXTENSION);
            int days = ticket.extensionRequest().workingDays();
            tickets.extensionDecided(ticket.id(), ticket.replyDeadline(), now);
            tasks.complete(task.getId());
            return withNote("不同意延期 " + days + " 个工作日，办理时限不变", request.note());
        });
    }

    /** Beyond the county's power: the lead hands it to the city or provincial task force. */
    @Transactional
    public TicketView escalate(String id, Caller caller, ActionRequests.Escalate request) {
        return perform(id, caller, TicketAction.ESCALATE, (ticket, now) -> {
            Task task = task(ticket, TicketAction.ESCALATE, TicketProcess.TASK_HANDLE);
            tickets.escalated(ticket.id(), request.level(), now);
            tasks.complete(task.getId(), Map.of(TicketProcess.VAR_DECISION, TicketProcess.ESCALATE));
            return (request.level() == EscalationLevel.CITY ? "上报市专班：" : "上报省专班：") + request.reason().strip();
        });
    }

    /** Dispatch records the task force's answer; the enterprise is then asked for feedback. */
    @Transactional
    public TicketView escalationReply(String id, Caller caller, ActionRequests.Reply request) {
        return perform(id, caller, TicketAction.ESCALATION_REPLY, (ticket, now) -> {
            Task task = task(ticket, TicketAction.ESCALATION_REPLY, TicketProcess.TASK_ESCALATION_REPLY);
            tickets.replied(ticket.id(), request.resolution(), request.outcome(), now, late(ticket, now));
            tasks.complete(task.getId());
            return "[" + request.outcome() + "] " + request.resolution();
        });
    }

    /** Any service staff records what the enterprise said of the reply (回访). */
    @Transactional
    public TicketView feedback(String id, Caller caller, ActionRequests.Feedback request) {
        return perform(id, caller, TicketAction.FEEDBACK, (ticket, now) -> {
            Task task = task(ticket, TicketAction.FEEDBACK, TicketProcess.TASK_FEEDBACK);
            tickets.rated(ticket.id(), request.satisfaction(), now);
            tasks.complete(task.getId(), Map.of(
                    TicketProcess.VAR_SATISFIED, request.satisfaction() != Satisfaction.DISSATISFIED,
                    TicketProcess.VAR_REOPEN_COUNT, ticket.reopenCount()));
            return withNote(request.satisfaction().name(), request.comment());
        });
    }

    /** A leader's ruling under supervision (督办): strike it off, or give it to a department afresh. */
    @Transactional
    public TicketView rule(String id, Caller caller, ActionRequests.Rule request) {
        return perform(id, caller, TicketAction.RULE, (ticket, now) -> {
            // REASSIGN without co-departments keeps the ticket's own, less the new lead
            List<String> co = request.coDepartments() != null ? request.coDepartments()
                    : ticket.coDepartments().stream().filter(d -> !d.equals(request.leadDepartment())).toList();
            Task task = task(ticket, TicketAction.RULE, TicketProcess.TASK_RULE);
            if (request.decision() == ActionRequests.Ruling.CLOSE) {
                tasks.complete(task.getId(), Map.of(TicketProcess.VAR_RULING, request.decision().name()));
                return "督办裁定销号：" + request.note().strip();
            }
            tickets.route(ticket.id(), request.leadDepartment(), co, ticket.signLimit(), ticket.replyLimit(), now,
                    calendar.plusWorkingDays(now, ticket.signLimit()), ticket.replyDeadline(), now, now);
            tasks.complete(task.getId(), Map.of(TicketProcess.VAR_RULING, request.decision().name(),
                    TicketProcess.VAR_LEAD_DEPARTMENT, request.leadDepartment()));
            return withNote("督办裁定改派：" + describeDepartments(request.leadDepartment(), co), request.note());
        });
    }

    /** Anyone who may see the ticket, in any status; it moves nothing. */
    @Transactional
    public TicketView comment(String id, Caller caller, ActionRequests.Comment request) {
        return perform(id, caller, TicketAction.COMMENT, (ticket, now) -> {
            tickets.touch(ticket.id(), now);
            return request.text().strip();
        });
    }

    /** The reply clock's timers read the deadline from the ticket: let them read it again. */
    private void rescheduleReplyTimers(Ticket ticket) {
        for (String timer : TicketProcess.REPLY_TIMERS) {
            for (Job job : management.createJobQuery().processInstanceId(ticket.processInstanceId())
                    .activityId(timer).list()) {
                management.recalculateJobDuedate(job.getId(), false);
            }
        }
    }

    /** One action's own part: completes its task, and says what to record. */
    @FunctionalInterface
    private interface Step {
        String apply(Ticket ticket, Instant now);
    }

    private TicketView perform(String id, Caller caller, TicketAction action, Step step) {
        Ticket before = tickets.lock(TicketQueries.parseId(id)).orElseThrow(() -> ApiException.notFound("ticket", id));
        requireMayTake(id, caller, action, before);
        Instant now = clock.instant();
        String detail = step.apply(before, now);
        Ticket after = tickets.find(before.id()).orElseThrow();
        events.append(after.id(), new TicketEvent(now, caller.username(), action.urlName(), before.status(),
                after.status(), detail));
        return queries.view(after, caller);
    }

    private static void requireMayTake(String id, Caller caller, TicketAction action, Ticket ticket) {
        if (!TicketPolicy.belongsTo(action, ticket, caller)) {
            throw ApiException.forbidden("'" + action.urlName() + "' on ticket " + id + " is not yours to take");
        }
    }

    /** The waiting user task this action completes; none means the ticket's state does not allow it (409). */
    private Task task(Ticket ticket, TicketAction action, String... taskKeys) {
        List<Task> waiting = tasks.createTaskQuery().processInstanceId(ticket.processInstanceId())
                .taskDefinitionKeyIn(taskKeys).list();
        if (waiting.isEmpty()) {
            throw notNow(ticket, action, null);
        }
        return waiting.get(0);
    }

    private static ApiException notNow(Ticket ticket, TicketAction action, String why) {
        return ApiException.conflict("ticket " + ticket.id() + " is " + ticket.status() + "; '" + action.urlName()
                + "' is not possible now" + (why == null ? "" : ": " + why));
    }

    private static boolean late(Ticket ticket, Instant now) {
        return ticket.replyDeadline() != null && now.isAfter(ticket.replyDeadline());
    }

    private String describeDepartments(String lead, List<String> co) {
        return "主办 " + catalog.departmentLabel(lead) + (co.isEmpty() ? ""
                : "；协办 " + String.join("、", co.stream().map(catalog::departmentLabel).toList()));
    }

    private static String withNote(String text, String note) {
        return note == null || note.isBlank() ? text : text + "；" + note.strip();
    }
}
