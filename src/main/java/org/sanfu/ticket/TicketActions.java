package org.sanfu.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.sanfu.calendar.WorkingDayCalendar;
import org.sanfu.catalog.Catalog;
import org.sanfu.security.Caller;
import org.sanfu.ticket.process.TicketProcess;
import org.sanfu.web.ApiException;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.JsonBodies;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What people do to a ticket. Each action locks the ticket's row, checks in API.md's order (404,
 * 403, 400, 409), completes the user task the action belongs to, and appends one history event,
 * all in one transaction: the process decides the new status, the event records the move.
 */
@Service
public class TicketActions {

    private static final int TEXT = 4000;

    private final Tickets tickets;
    private final TicketEvents events;
    private final TicketQueries queries;
    private final TaskService tasks;
    private final WorkingDayCalendar calendar;
    private final Catalog catalog;
    private final JsonBodies bodies;
    private final Clock clock;

    TicketActions(Tickets tickets, TicketEvents events, TicketQueries queries, TaskService tasks,
            WorkingDayCalendar calendar, Catalog catalog, JsonBodies bodies, Clock clock) {
        this.tickets = tickets;
        this.events = events;
        this.queries = queries;
        this.tasks = tasks;
        this.calendar = calendar;
        this.catalog = catalog;
        this.bodies = bodies;
        this.clock = clock;
    }

    /**
     * Dispatch names the lead and co-departments. Assigning to another department upholds a return
     * and starts a new sign clock; assigning back to the department that returned it rejects the
     * return, and that department's original sign deadline keeps running.
     */
    @Transactional
    public TicketView assign(String id, Caller caller, JsonNode body) {
        return perform(id, caller, TicketAction.ASSIGN, (ticket, now) -> {
            ActionRequests.Assign request = bodies.read(body, ActionRequests.Assign.class);
            List<String> co = request.coDepartments() == null ? List.of() : request.coDepartments();
            InvalidInput.Collector errors = new InvalidInput.Collector();
            if (!catalog.isHandlingDepartment(request.leadDepartment())) {
                errors.add("leadDepartment", "must be one of " + handlingDepartments());
            }
            for (int i = 0; i < co.size(); i++) {
                String department = co.get(i);
                if (!catalog.isHandlingDepartment(department)) {
                    errors.add("coDepartments[" + i + "]", "must be one of " + handlingDepartments());
                } else if (department.equals(request.leadDepartment())) {
                    errors.add("coDepartments[" + i + "]", "must not be the lead department");
                }
            }
            if (new HashSet<>(co).size() != co.size()) {
                errors.add("coDepartments", "must not name a department twice");
            }
            errors.maxLength("note", request.note(), TEXT);
            errors.throwIfAny();
            Task task = task(ticket, TicketAction.ASSIGN, TicketProcess.TASK_ASSIGN);

            boolean returnRejected = request.leadDepartment().equals(ticket.leadDepartment())
                    && ticket.signDeadline() != null;
            Instant signDeadline = returnRejected ? ticket.signDeadline()
                    : calendar.plusWorkingDays(now, ticket.signLimit());
            Instant replyDeadline = ticket.replyDeadline() != null ? ticket.replyDeadline()
                    : calendar.plusWorkingDays(ticket.reportedAt(), ticket.replyLimit());
            tickets.route(ticket.id(), request.leadDepartment(), co, ticket.signLimit(), ticket.replyLimit(), now,
                    signDeadline, replyDeadline, now);
            tasks.complete(task.getId(), Map.of(TicketProcess.VAR_LEAD_DEPARTMENT, request.leadDepartment()));

            StringBuilder detail = new StringBuilder("主办 ").append(catalog.departmentLabel(request.leadDepartment()));
            if (!co.isEmpty()) {
                detail.append("；协办 ").append(String.join("、", co.stream().map(catalog::departmentLabel).toList()));
            }
            if (ticket.returnCount() > 0 && ticket.leadDepartment() != null) {
                detail.append(returnRejected ? "；退回不成立，原签收时限继续计算" : "；退回成立，重新计算签收时限");
            }
            if (request.note() != null && !request.note().isBlank()) {
                detail.append("；").append(request.note());
            }
            return detail.toString();
        });
    }

    @Transactional
    public TicketView sign(String id, Caller caller, JsonNode body) {
        return perform(id, caller, TicketAction.SIGN, (ticket, now) -> {
            bodies.requireReadable(body);
            Task task = task(ticket, TicketAction.SIGN, TicketProcess.TASK_SIGN);
            boolean late = ticket.signDeadline() != null && now.isAfter(ticket.signDeadline());
            tickets.signed(ticket.id(), now, late);
            tasks.complete(task.getId(), Map.of(TicketProcess.VAR_DECISION, TicketProcess.SIGN));
            return late ? "超过签收时限" : null;
        });
    }

    /** The department sends back a ticket that is not its business; dispatch arbitrates. */
    @Transactional
    public TicketView returnTicket(String id, Caller caller, JsonNode body) {
        return perform(id, caller, TicketAction.RETURN, (ticket, now) -> {
            ActionRequests.Return request = bodies.read(body, ActionRequests.Return.class);
            InvalidInput.Collector errors = new InvalidInput.Collector();
            errors.requireText("reason", request.reason(), TEXT);
            errors.throwIfAny();
            Task task = task(ticket, TicketAction.RETURN, TicketProcess.TASK_SIGN, TicketProcess.TASK_HANDLE);
            tickets.returned(ticket.id(), now);
            tasks.complete(task.getId(), Map.of(TicketProcess.VAR_DECISION, TicketProcess.RETURN));
            return request.reason();
        });
    }

    @Transactional
    public TicketView reply(String id, Caller caller, JsonNode body) {
        return perform(id, caller, TicketAction.REPLY, (ticket, now) -> {
            ActionRequests.Reply request = bodies.read(body, ActionRequests.Reply.class);
            InvalidInput.Collector errors = new InvalidInput.Collector();
            errors.requireText("resolution", request.resolution(), TEXT);
            if (request.outcome() == null) {
                errors.add("outcome", "must be one of RESOLVED, PARTIAL, CANNOT_RESOLVE");
            }
            errors.throwIfAny();
            Task task = task(ticket, TicketAction.REPLY, TicketProcess.TASK_HANDLE);
            boolean late = ticket.replyDeadline() != null && now.isAfter(ticket.replyDeadline());
            tickets.replied(ticket.id(), request.resolution(), request.outcome(), now, late);
            tasks.complete(task.getId(), Map.of(TicketProcess.VAR_DECISION, TicketProcess.REPLY));
            return "[" + request.outcome() + "] " + request.resolution();
        });
    }

    /** Any service staff records what the enterprise said of the reply (回访). */
    @Transactional
    public TicketView feedback(String id, Caller caller, JsonNode body) {
        return perform(id, caller, TicketAction.FEEDBACK, (ticket, now) -> {
            ActionRequests.Feedback request = bodies.read(body, ActionRequests.Feedback.class);
            InvalidInput.Collector errors = new InvalidInput.Collector();
            if (request.satisfaction() == null || request.satisfaction() == Satisfaction.UNRATED) {
                errors.add("satisfaction", "must be one of SATISFIED, BASICALLY_SATISFIED, DISSATISFIED");
            }
            errors.maxLength("comment", request.comment(), TEXT);
            errors.throwIfAny();
            Task task = task(ticket, TicketAction.FEEDBACK, TicketProcess.TASK_FEEDBACK);
            tickets.rated(ticket.id(), request.satisfaction(), now);
            tasks.complete(task.getId(), Map.of(TicketProcess.VAR_SATISFIED,
                    request.satisfaction() != Satisfaction.DISSATISFIED));
            return request.comment() == null || request.comment().isBlank() ? request.satisfaction().name()
                    : request.satisfaction() + "：" + request.comment();
        });
    }

    /** One action's own part: checks its body, completes its task, and says what to record. */
    @FunctionalInterface
    private interface Step {
        String apply(Ticket ticket, Instant now);
    }

    private TicketView perform(String id, Caller caller, TicketAction action, Step step) {
        Ticket before = tickets.lock(TicketQueries.parseId(id)).orElseThrow(() -> ApiException.notFound("ticket", id));
        if (!TicketPolicy.belongsTo(action, before, caller)) {
            throw ApiException.forbidden("'" + action.urlName() + "' on ticket " + id + " is not yours to take");
        }
        Instant now = clock.instant();
        String detail = step.apply(before, now);
        Ticket after = tickets.find(before.id()).orElseThrow();
        events.append(after.id(), new TicketEvent(now, caller.username(), action.urlName(), before.status(),
                after.status(), detail));
        return queries.view(after, caller);
    }

    /** The waiting user task this action completes; none means the status does not allow it (409). */
    private Task task(Ticket ticket, TicketAction action, String... taskKeys) {
        List<Task> waiting = tasks.createTaskQuery().processInstanceId(ticket.processInstanceId())
                .taskDefinitionKeyIn(taskKeys).list();
        if (waiting.isEmpty()) {
            throw ApiException.conflict("ticket " + ticket.id() + " is " + ticket.status() + "; '"
                    + action.urlName() + "' is not possible now");
        }
        return waiting.get(0);
    }

    private String handlingDepartments() {
        return String.join(", ", catalog.departmentCodes().stream().filter(catalog::isHandlingDepartment).toList());
    }

}
