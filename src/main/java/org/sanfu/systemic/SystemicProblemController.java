package org.sanfu.systemic;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.function.Supplier;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.web.ActionBody;
import org.sanfu.web.ApiAccess;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.sanfu.web.QueryFaults;
import org.sanfu.web.QueryParams;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Systemic problems (共性问题): DISPATCH and LEADER read them; DISPATCH scans, confirms and dismisses.
 * Checks in API.md's order: an unknown id 404, another role 403, a bad body 400, a decided problem 409.
 */
@RestController
@RequestMapping("/api/systemic-problems")
@Tag(name = "Systemic problems", description = "共性问题: open tickets of many enterprises that say the same thing")
class SystemicProblemController {

    private final SystemicQueries queries;
    private final SystemicCases cases;
    private final SystemicScan scan;
    private final QueryParams params;

    SystemicProblemController(SystemicQueries queries, SystemicCases cases, SystemicScan scan, QueryParams params) {
        this.queries = queries;
        this.cases = cases;
        this.scan = scan;
        this.params = params;
    }

    @Operation(summary = "List systemic problems", description = "Newest first, of one status if given; paged.")
    @ApiAccess(value = {"DISPATCH", "LEADER"}, errors = {400, 403})
    @Parameter(name = "status", in = ParameterIn.QUERY, schema = @Schema(implementation = SystemicStatus.class))
    @GetMapping
    PageResult<SystemicProblem> list(Caller caller, @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            QueryFaults query) {
        caller.require(Role.DISPATCH, Role.LEADER);
        // a query malformed or given twice: after the role, as API.md orders 403 before 400
        if (!query.none()) {
            throw query.refusal();
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        SystemicStatus wanted = params.enumValue(errors, "status", status, SystemicStatus.class);
        errors.throwIfAny();
        return queries.list(wanted, caller, PageParams.of(page, size));
    }

    @Operation(summary = "A systemic problem")
    @ApiAccess(value = {"DISPATCH", "LEADER"}, errors = {403, 404})
    @GetMapping("/{id}")
    SystemicProblem get(@PathVariable String id, Caller caller) {
        return queries.get(id, caller);
    }

    @Operation(summary = "Scan now", description = "Compares the open tickets as the daily scan does; answers "
            + "the problems proposed after it. The body is empty or `{}`.")
    @ApiAccess(value = {"DISPATCH"}, errors = {400, 403})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
            content = @Content(schema = @Schema(type = "object", example = "{}")))
    @PostMapping("/scan")
    List<SystemicProblem> scan(Caller caller, ActionBody body) {
        caller.require(Role.DISPATCH);
        body.requireReadable();
        return scan.scan();
    }

    @Operation(summary = "confirm", description = "PROPOSED → CONFIRMED: one case ticket (source SYSTEMIC) routed "
            + "to `leadDepartment`; its members get a `link` event, and are replied with the case's resolution "
            + "when it is replied. A problem no longer PROPOSED, or a member already in another case → 409.")
    @ApiAccess(value = {"DISPATCH"}, errors = {400, 403, 404, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = SystemicRequests.Confirm.class)))
    @PostMapping("/{id}/confirm")
    SystemicProblem confirm(@PathVariable String id, Caller caller, ActionBody body) {
        return cases.confirm(id, caller, judged(id, caller, () -> body.as(SystemicRequests.Confirm.class)));
    }

    @Operation(summary = "dismiss", description = "PROPOSED → DISMISSED with a reason. Not proposed again unless "
            + "a new ticket joins the cluster. A problem no longer PROPOSED → 409.")
    @ApiAccess(value = {"DISPATCH"}, errors = {400, 403, 404, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = SystemicRequests.Dismiss.class)))
    @PostMapping("/{id}/dismiss")
    SystemicProblem dismiss(@PathVariable String id, Caller caller, ActionBody body) {
        return cases.dismiss(id, caller, judged(id, caller, () -> body.as(SystemicRequests.Dismiss.class)));
    }

    /** A bad body is 400 only once the problem was found and the caller may decide (404 and 403 first). */
    private <T> T judged(String id, Caller caller, Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidInput e) {
            cases.checkMayDecide(id, caller);
            throw e;
        }
    }
}
