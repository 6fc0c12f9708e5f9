package org.sanfu.ticket.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.function.Supplier;
import org.sanfu.enterprise.CreditCode;
import org.sanfu.enterprise.EnterpriseForm;
import org.sanfu.ticket.ActionRequests;
import org.sanfu.security.AccountDirectory;
import org.sanfu.security.Caller;
import org.sanfu.ticket.TicketAction;
import org.sanfu.ticket.TicketActions;
import org.sanfu.ticket.TicketEvent;
import org.sanfu.ticket.TicketQueries;
import org.sanfu.ticket.TicketStatus;
import org.sanfu.ticket.TicketView;
import org.sanfu.web.ActionBody;
import org.sanfu.web.ApiAccess;
import org.sanfu.web.InvalidInput;
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
@Tag(name = "Tickets", description = "事项交办单: reading tickets and the actions that move them")
class TicketController {

    private final TicketQueries queries;
    private final TicketActions actions;
    private final TicketListParams listParams;

    TicketController(TicketQueries queries, TicketActions actions, TicketListParams listParams) {
        this.queries = queries;
        this.actions = actions;
        this.listParams = listParams;
    }

    @Operation(summary = "List tickets", description = "Filter by status, department (lead or co), category, "
            + "town, enterprise credit code, overdue, `from`/`to` (when the problems were reported: each a day, yyyy-MM-dd, or a moment, an ISO-8601 date-time), `q` in the "
            + "title or description, `reporter` (who reported it) and `source` (where it came from; repeat it for "
            + "more than one, any of which matches); paged, the latest reported first (reportedAt, then id, "
            + "descending). (Addition) `updatedSince`: the tickets changed since a moment, the oldest change first; with `afterId`, "
            + "the next page of such a pull (keyset).")
    @ApiAccess(value = {"STAFF", "DISPATCH", "DEPT", "LEADER", "ADMIN"},
            scope = "a department sees the tickets it leads or co-handles", errors = 400)
    // read as text to answer 400 in the caller's words; the document says what is valid
    @Parameter(name = "status", in = ParameterIn.QUERY, schema = @Schema(implementation = TicketStatus.class))
    @Parameter(name = "overdue", in = ParameterIn.QUERY, schema = @Schema(type = "boolean"))
    @Parameter(name = "open", in = ParameterIn.QUERY, schema = @Schema(type = "boolean"),
            description = "true: not yet CLOSED (the figures' 在办); false: CLOSED")
    // the bounds TicketListParams checks: a town and a code longer than any ticket's, words as /api/enterprises takes
    @Parameter(name = "town", in = ParameterIn.QUERY,
            schema = @Schema(type = "string", maxLength = EnterpriseForm.TOWN_MAX),
            description = "the enterprise's town (镇/街道), exactly")
    @Parameter(name = "enterprise", in = ParameterIn.QUERY,
            schema = @Schema(type = "string", maxLength = CreditCode.LENGTH),
            description = "the enterprise's credit code, in any case")
    @Parameter(name = "q", in = ParameterIn.QUERY,
            schema = @Schema(type = "string", maxLength = QueryParams.WORDS_MAX),
            description = "words, separated by spaces (全角 too), each in the title, the description, the enterprise's "
                    + "name as filed or as said (the divisions' suffixes at its start left out: 温岭海通 for 温岭市海通…) "
                    + "or the ticket's town, ignoring case")
    @Parameter(name = "reporter", in = ParameterIn.QUERY,
            schema = @Schema(type = "string", maxLength = AccountDirectory.USERNAME_MAX),
            description = "the username who reported it (the visit's specialist); an unknown one matches nothing")
    @Parameter(name = "source", in = ParameterIn.QUERY, explode = Explode.TRUE,
            array = @ArraySchema(schema = @Schema(type = "string")),
            description = "where it came from: VISIT, FORUM, HOTLINE, ONLINE, SYSTEMIC or a channel's code; repeated "
                    + "(source=HOTLINE&source=ONLINE) or one value comma-separated (source=HOTLINE,ONLINE), any of "
                    + "them matches; another value is 400")
    @Parameter(name = "updatedSince", in = ParameterIn.QUERY, schema = @Schema(type = "string", format = "date-time"),
            description = "(addition) the tickets changed at or after this moment (their updatedAt), ordered by "
                    + "updatedAt then id, ascending: an integrator's pull (API.md); not a date-time → 400")
    @Parameter(name = "afterId", in = ParameterIn.QUERY,
            schema = @Schema(type = "string", pattern = "^[1-9][0-9]{0,17}$"),
            description = "(addition, only with updatedSince) the id of the last ticket received, updatedSince its "
                    + "updatedAt: keeps the tickets changed after that moment, or at it with a greater id (keyset "
                    + "paging: the next page of a pull, none skipped, none repeated); not an id, or without "
                    + "updatedSince → 400")
    @GetMapping
    PageResult<TicketView> list(Caller caller,
            @RequestParam(required = false) String status, @RequestParam(required = false) String department,
            @RequestParam(required = false) String category, @RequestParam(required = false) String town,
            @RequestParam(required = false) String enterprise, @RequestParam(required = false) String overdue,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String q, @RequestParam(required = false) String leadDepartment,
            @RequestParam(required = false) String open, @RequestParam(required = false) String reporter,
            @RequestParam(required = false) List<String> source,
            @RequestParam(required = false) String updatedSince, @RequestParam(required = false) String afterId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        TicketListParams.Parsed parsed = listParams.parse(new TicketListParams.Raw(status, department, category, town,
                enterprise, overdue, from, to, q, leadDepartment, open, reporter, source),
                updatedSince, afterId, page, size);
        return queries.list(parsed.filter(), caller, parsed.page());
    }

    @Operation(summary = "A ticket", description = "With `allowedActions`: what the signed-in user may do now.")
    @ApiAccess(value = {"STAFF", "DISPATCH", "DEPT", "LEADER", "ADMIN"},
            scope = "a department only the tickets it leads or co-handles", errors = {403, 404})
    @GetMapping("/{id}")
    TicketView get(@PathVariable String id, Caller caller) {
        return queries.get(id, caller);
    }

    @Operation(summary = "A ticket's history", description = "Every event, oldest first; `actor` is a user name "
            + "or `system`.")
    @ApiAccess(value = {"STAFF", "DISPATCH", "DEPT", "LEADER", "ADMIN"},
            scope = "a department only the tickets it leads or co-handles", errors = {403, 404})
    @GetMapping("/{id}/history")
    List<TicketEvent> history(@PathVariable String id, Caller caller) {
        return queries.history(id, caller);
    }

    @Operation(summary = "assign", description = "Dispatch names the lead and co-departments: DISPATCHING → "
            + "ASSIGNED. Assigning to another department upholds a return and starts a new sign clock; back to the "
            + "same department rejects it and its sign deadline keeps running. (Addition) A `category` other than the "
            + "ticket's re-classifies it (重新分类) in the same step; the deadlines stay as without it.")
    @ApiAccess(value = {"DISPATCH"}, errors = {400, 403, 404, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = ActionRequests.Assign.class)))
    @PostMapping("/{id}/assign")
    TicketView assign(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.assign(id, caller,
                command(id, caller, TicketAction.ASSIGN, body, ActionRequests.Assign.class));
    }

    @Operation(summary = "sign", description = "ASSIGNED → IN_PROGRESS. The body is empty or `{}`.")
    @ApiAccess(value = {"DEPT"}, scope = "the ticket's lead department", errors = {400, 403, 404, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
            content = @Content(schema = @Schema(type = "object", example = "{}")))
    @PostMapping("/{id}/sign")
    TicketView sign(@PathVariable String id, Caller caller, ActionBody body) {
        judged(id, caller, TicketAction.SIGN, () -> {
            body.requireReadable();
            return null;
        });
        return actions.sign(id, caller);
    }

    @Operation(summary = "return", description = "ASSIGNED / IN_PROGRESS → DISPATCHING, returnCount + 1; the third "
            + "return puts it under a leader's supervision.")
    @ApiAccess(value = {"DEPT"}, scope = "the ticket's lead department", errors = {400, 403, 404, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = ActionRequests.Return.class)))
    @PostMapping("/{id}/return")
    TicketView returnTicket(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.returnTicket(id, caller,
                command(id, caller, TicketAction.RETURN, body, ActionRequests.Return.class));
    }

    @Operation(summary = "contribute", description = "A co-department's opinion (协办); until every co-department "
            + "has contributed, the lead's reply is 409.")
    @ApiAccess(value = {"DEPT"}, scope = "a co-department whose part is open", errors = {400, 403, 404, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = ActionRequests.Contribute.class)))
    @PostMapping("/{id}/contribute")
    TicketView contribute(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.contribute(id, caller,
                command(id, caller, TicketAction.CONTRIBUTE, body, ActionRequests.Contribute.class));
    }

    @Operation(summary = "reply", description = "IN_PROGRESS → REPLIED, once every co-department has contributed.")
    @ApiAccess(value = {"DEPT"}, scope = "the ticket's lead department", errors = {400, 403, 404, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = ActionRequests.Reply.class)))
    @PostMapping("/{id}/reply")
    TicketView reply(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.reply(id, caller,
                command(id, caller, TicketAction.REPLY, body, ActionRequests.Reply.class));
    }

    @Operation(summary = "extend", description = "Asks dispatch for 1..10 more working days, before the reply "
            + "deadline; one request may wait at a time.")
    @ApiAccess(value = {"DEPT"}, scope = "the ticket's lead department", errors = {400, 403, 404, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = ActionRequests.Extend.class)))
    @PostMapping("/{id}/extend")
    TicketView extend(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.extend(id, caller,
                command(id, caller, TicketAction.EXTEND, body, ActionRequests.Extend.class));
    }

    @Operation(summary = "approve-extension", description = "Grants the waiting extension: the reply deadline moves.")
    @ApiAccess(value = {"DISPATCH"}, errors = {400, 403, 404, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
            content = @Content(schema = @Schema(implementation = ActionRequests.DecideExtension.class)))
    @PostMapping("/{id}/approve-extension")
    TicketView approveExtension(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.approveExtension(id, caller,
                command(id, caller, TicketAction.APPROVE_EXTENSION, body, ActionRequests.DecideExtension.class));
    }

    @Operation(summary = "reject-extension", description = "Refuses the waiting extension: the reply deadline stays.")
    @ApiAccess(value = {"DISPATCH"}, errors = {400, 403, 404, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
            content = @Content(schema = @Schema(implementation = ActionRequests.DecideExtension.class)))
    @PostMapping("/{id}/reject-extension")
    TicketView rejectExtension(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.rejectExtension(id, caller,
                command(id, caller, TicketAction.REJECT_EXTENSION, body, ActionRequests.DecideExtension.class));
    }

    @Operation(summary = "escalate", description = "IN_PROGRESS → ESCALATED, to the city or provincial task force.")
    @ApiAccess(value = {"DEPT"}, scope = "the ticket's lead department", errors = {400, 403, 404, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = ActionRequests.Escalate.class)))
    @PostMapping("/{id}/escalate")
    TicketView escalate(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.escalate(id, caller,
                command(id, caller, TicketAction.ESCALATE, body, ActionRequests.Escalate.class));
    }

    @Operation(summary = "escalation-reply", description = "The task force's answer: ESCALATED → REPLIED.")
    @ApiAccess(value = {"DISPATCH"}, errors = {400, 403, 404, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = ActionRequests.Reply.class)))
    @PostMapping("/{id}/escalation-reply")
    TicketView escalationReply(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.escalationReply(id, caller,
                command(id, caller, TicketAction.ESCALATION_REPLY, body, ActionRequests.Reply.class));
    }

    @Operation(summary = "feedback", description = "What the enterprise said (回访): SATISFIED / BASICALLY_SATISFIED "
            + "close it; DISSATISFIED reopens it (reopenCount + 1, a new reply deadline), or on a ticket reopened "
            + "twice already puts it under a leader's supervision.")
    @ApiAccess(value = {"STAFF", "DISPATCH"}, scope = "DISPATCH only on a HOTLINE or ONLINE entry",
            errors = {400, 403, 404, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = ActionRequests.Feedback.class)))
    @PostMapping("/{id}/feedback")
    TicketView feedback(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.feedback(id, caller,
                command(id, caller, TicketAction.FEEDBACK, body, ActionRequests.Feedback.class));
    }

    @Operation(summary = "supervise", description = "A leader takes a ticket that waits to be assigned, signed, "
            + "handled or answered by the task force under supervision (督办): DISPATCHING / ASSIGNED / IN_PROGRESS / "
            + "ESCALATED → SUPERVISION, where the leader rules. A reason is required.")
    @ApiAccess(value = {"LEADER"}, errors = {400, 403, 404, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = ActionRequests.Supervise.class)))
    @PostMapping("/{id}/supervise")
    TicketView supervise(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.supervise(id, caller,
                command(id, caller, TicketAction.SUPERVISE, body, ActionRequests.Supervise.class));
    }

    @Operation(summary = "rule", description = "A ruling under supervision (督办): CLOSE (a note is required) or "
            + "REASSIGN to a lead department.")
    @ApiAccess(value = {"LEADER"}, errors = {400, 403, 404, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = ActionRequests.Rule.class)))
    @PostMapping("/{id}/rule")
    TicketView rule(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.rule(id, caller,
                command(id, caller, TicketAction.RULE, body, ActionRequests.Rule.class));
    }

    @Operation(summary = "comment", description = "A remark in the history, in any status; it moves nothing.")
    @ApiAccess(value = {"STAFF", "DISPATCH", "DEPT", "LEADER", "ADMIN"}, scope = "anyone who may see the ticket",
            errors = {400, 403, 404})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = ActionRequests.Comment.class)))
    @PostMapping("/{id}/comment")
    TicketView comment(@PathVariable String id, Caller caller, ActionBody body) {
        return actions.comment(id, caller,
                command(id, caller, TicketAction.COMMENT, body, ActionRequests.Comment.class));
    }

    /**
     * The action's body as its command. A body at fault is answered 400 only once the ticket was
     * found (404) and the action found to be the caller's (403), so that the checks come in API.md's
     * order: 404, 403, 400, 409. A valid body goes on to the use case, which checks 404 and 403
     * itself under the ticket's lock; the separate check costs a read only when the body is at fault.
     */
    private <T> T command(String id, Caller caller, TicketAction action, ActionBody body, Class<T> type) {
        return judged(id, caller, action, () -> body.as(type));
    }

    /** Reads the body; when it is at fault, 404 and 403 are checked before its 400 is answered. */
    private <T> T judged(String id, Caller caller, TicketAction action, Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidInput e) {
            actions.checkMayTake(id, caller, action);
            throw e;
        }
    }
}
