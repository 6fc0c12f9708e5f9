package org.sanfu.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sanfu.Message;
import org.sanfu.catalog.Catalog;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.ticket.process.TaskDefinition;
import org.sanfu.ticket.process.TicketProcess;
import org.sanfu.ticket.process.TicketProcessGateway;
import org.springframework.stereotype.Component;

/**
 * Who may see a ticket, whose each action is, and whether it is offered now — all read from
 * bpmn/ticket.bpmn (whether it is offered, from the version the ticket's process started on): an action is the caller's when the caller is a candidate of a task that offers
 * it, or of a group the task offers it to ({@code actions.LEADER}), else 403; and offered now when
 * such a task is open (for the caller's group, if a candidate's) and not held back by another open
 * task, else 409. The one rule the diagram cannot say, that an extension must be asked before the
 * reply deadline, is the ticket's own.
 */
@Component
class TicketPolicy {

    private final TicketProcessGateway process;

    private final Catalog catalog;

    TicketPolicy(TicketProcessGateway process, Catalog catalog) {
        this.process = process;
        this.catalog = catalog;
    }

    /** A department sees the tickets it leads or co-handles; every other role sees all. */
    static boolean maySee(Ticket ticket, Caller caller) {
        return !caller.is(Role.DEPT) || ticket.involves(caller.department());
    }

    /** The candidate groups a caller belongs to: its role, and a department user's department. */
    static Set<String> groups(Caller caller) {
        Set<String> groups = new HashSet<>();
        groups.add(caller.role().name());
        if (caller.department() != null) {
            groups.add(caller.department());
        }
        return groups;
    }

    /** Whether the action is the caller's on this ticket, whatever its state (else 403). */
    boolean belongsTo(TicketAction action, Ticket ticket, Caller caller) {
        if (action == TicketAction.COMMENT) {
            return maySee(ticket, caller);
        }
        Set<String> groups = groups(caller);
        return definitions().values().stream().anyMatch(d -> d.offersTo(groups, action.urlName())
                || d.offers(action.urlName()) && isCandidate(d.candidateGroups(), ticket, caller));
    }

    /** The open task through which the caller takes the action now; empty when the state does not offer it. */
    Optional<Ticket.OpenTask> offered(TicketAction action, Ticket ticket, Caller caller, Instant now) {
        return Optional.ofNullable(heldBack(action, ticket, caller, now).task());
    }

    /** Why an action the caller may take is not offered now, for the 409's detail; null when it is. */
    Message whyNot(TicketAction action, Ticket ticket, Caller caller, Instant now) {
        return heldBack(action, ticket, caller, now).reason();
    }

    /** The actions the caller may take on the ticket now, in the order of API.md. */
    List<String> allowedActions(Ticket ticket, Caller caller, Instant now) {
        List<String> allowed = new ArrayList<>();
        for (TicketAction action : TicketAction.values()) {
            boolean offered = action == TicketAction.COMMENT ? maySee(ticket, caller)
                    : offered(action, ticket, caller, now).isPresent();
            if (offered) {
                allowed.add(action.urlName());
            }
        }
        return allowed;
    }

    private record Offer(Ticket.OpenTask task, Message reason) {}

    private Offer heldBack(TicketAction action, Ticket ticket, Caller caller, Instant now) {
        Set<String> groups = groups(caller);
        Message reason = null;
        for (Ticket.OpenTask task : ticket.openTasks()) {
            // as the version of the diagram the ticket started on says: a newer one may offer more
            TaskDefinition definition = process.taskDefinitions(task.processDefinitionId()).get(task.taskKey());
            boolean asCandidate = definition != null && definition.offers(action.urlName())
                    && groups.contains(task.candidateGroup());
            if (!asCandidate && (definition == null || !definition.offersTo(groups, action.urlName()))) {
                continue;
            }
            String waitsFor = definition.waitsFor().get(action.urlName());
            if (waitsFor != null && ticket.waitsOn(waitsFor)) {
                reason = TicketProcess.TASK_CONTRIBUTE.equals(waitsFor)
                        // by their names, as people know them (the ticket's openParts has the codes), listed as
                        // the language lists words (金融办、人力社保局; in English with commas)
                        ? Message.of("sanfu.ticket.waits-for-contributions", "departments",
                                ticket.openParts().stream().map(catalog::departmentLabel).map(Message::worded).toList())
                        : Message.of("sanfu.ticket.extension-waiting");
            } else if (action == TicketAction.EXTEND && !ticket.mayAskExtension(now)) {
                reason = Message.of("sanfu.ticket.extension-too-late");
            } else {
                return new Offer(task, null);
            }
        }
        return new Offer(null, reason);
    }

    private static boolean isCandidate(String candidateGroups, Ticket ticket, Caller caller) {
        if (candidateGroups == null) {
            return false;
        }
        return switch (candidateGroups.strip()) {
            case TicketProcess.LEAD_DEPARTMENT_GROUP -> caller.isDepartment(ticket.leadDepartment());
            case TicketProcess.CO_DEPARTMENT_GROUP -> caller.is(Role.DEPT)
                    && ticket.coDepartments().contains(caller.department());
            // as the engine evaluates it for this ticket: 'STAFF,DISPATCH' on an entry, else 'STAFF'
            case TicketProcess.FEEDBACK_GROUPS -> caller.is(Role.STAFF)
                    || ticket.fromEntry() && caller.is(Role.DISPATCH);
            default -> Arrays.stream(candidateGroups.split(",")).map(String::strip).anyMatch(groups(caller)::contains);
        };
    }

    private Map<String, TaskDefinition> definitions() {
        return process.taskDefinitions();
    }
}
