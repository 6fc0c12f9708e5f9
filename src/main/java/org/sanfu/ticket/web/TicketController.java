package org.sanfu.ticket.web;

import java.util.List;
import org.sanfu.catalog.Catalog;
import org.sanfu.security.Caller;
import org.sanfu.ticket.TicketActions;
import org.sanfu.ticket.TicketEvent;
import org.sanfu.ticket.TicketFilter;
import org.sanfu.ticket.TicketQueries;
import org.sanfu.ticket.TicketStatus;
import org.sanfu.ticket.TicketView;
import org.sanfu.web.ActionBody;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.sanfu.web.QueryParams;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tickets (事项交办单). Reading: anyone signed in; a department sees only the tickets it leads or
 * co-handles. Actions: whoever the action belongs to (TicketPolicy); everyone else gets 403.
 */
@RestController
@RequestMapping("/api/tickets")
class TicketController {

    private final TicketQueries queries;
    private final TicketActions actions;
    private final QueryParams params;
    private final Catalog catalog;

    TicketController(TicketQueries queries, TicketActions actions, QueryParams params, Catalog catalog) {
        this.queries = queries;
        this.actions = actions;
        this.params = params;
        this.catalog = catalog;
    }

    @GetMapping
    PageResult<TicketView> list(Caller caller,
            @RequestParam(required = false) String status, @RequestParam(required = false) String department,
            @RequestParam(required = false) String category, @RequestParam(required = false) String town,
            @RequestParam(required = false) String enterprise, @RequestParam(required = false) String overdue,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        TicketStatus statusValue = params.enumValue(errors, "status", status, TicketStatus.class);
        if (params.text(department) != null && !catalog.isDepartment(department.strip())) {
            errors.add("department", "must be one of " + catalog.departmentCodes());
        }
        if (params.text(category) != null && !catalog.isCategory(category.strip())) {
            errors.add("category", "must be one of " + catalog.categoryCodes());
        }
        Boolean overdueValue = params.bool(errors, "overdue", overdue);
        java.time.Instant fromValue = params.startOf(errors, "from", from);
        java.time.Instant toValue = params.endOf(errors, "to", to);
        PageParams pageParams = null;
        try {
            pageParams = PageParams.of(page, size);
        } catch (InvalidInput e) {
            e.errors().forEach(f -> errors.add(f.field(), f.message()));
        }
        errors.throwIfAny();
        TicketFilter filter = new TicketFilter(statusValue, params.text(department), params.text(category),
                params.text(town), params.text(enterprise) == null ? null : enterprise.strip().toUpperCase(),
                overdueValue, fromValue, toValue, params.text(q));
        return queries.list(filter, caller, pageParams);
    }

    @GetMapping("/{id}")
    TicketView get(@PathVariable String id, Caller caller) {
        return queries.get(id, caller);
    }

    @GetMapping("/{id}/history")
    List<TicketEvent> history(@PathVariable String id, Caller caller) {
        return queries.history(id, caller);
    }

    /** DISPATCH. */
    @PostMapping("/{id}/assign")
    TicketView assign(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.assign(id, caller, body.json());
    }

    /** The lead department. */
    @PostMapping("/{id}/sign")
    TicketView sign(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.sign(id, caller, body.json());
    }

    /** The lead department. */
    @PostMapping("/{id}/return")
    TicketView returnTicket(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.returnTicket(id, caller, body.json());
    }

    /** A co-department whose part is open. */
    @PostMapping("/{id}/contribute")
    TicketView contribute(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.contribute(id, caller, body.json());
    }

    /** The lead department, once every co-department has contributed. */
    @PostMapping("/{id}/reply")
    TicketView reply(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.reply(id, caller, body.json());
    }

    /** The lead department, before the reply deadline. */
    @PostMapping("/{id}/extend")
    TicketView extend(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.extend(id, caller, body.json());
    }

    /** DISPATCH. */
    @PostMapping("/{id}/approve-extension")
    TicketView approveExtension(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.approveExtension(id, caller, body.json());
    }

    /** DISPATCH. */
    @PostMapping("/{id}/reject-extension")
    TicketView rejectExtension(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.rejectExtension(id, caller, body.json());
    }

    /** The lead department. */
    @PostMapping("/{id}/escalate")
    TicketView escalate(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.escalate(id, caller, body.json());
    }

    /** DISPATCH. */
    @PostMapping("/{id}/escalation-reply")
    TicketView escalationReply(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.escalationReply(id, caller, body.json());
    }

    /** Any STAFF. */
    @PostMapping("/{id}/feedback")
    TicketView feedback(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.feedback(id, caller, body.json());
    }

    /** LEADER. */
    @PostMapping("/{id}/rule")
    TicketView rule(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.rule(id, caller, body.json());
    }

    /** Anyone who may see the ticket. */
    @PostMapping("/{id}/comment")
    TicketView comment(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.comment(id, caller, body.json());
    }
}
