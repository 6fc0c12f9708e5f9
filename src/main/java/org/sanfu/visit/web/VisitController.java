package org.sanfu.visit.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.sanfu.enterprise.CreditCode;
import org.sanfu.security.AccountDirectory;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.visit.VisitIntake;
import org.sanfu.visit.VisitQueries;
import org.sanfu.visit.VisitRequest;
import org.sanfu.visit.VisitView;
import org.sanfu.web.ApiAccess;
import org.sanfu.web.Created;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.JsonBodies;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.sanfu.web.QueryParams;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/visits")
@Tag(name = "Visits", description = "走访: a visit and the problems heard there, one ticket each")
class VisitController {

    private final VisitIntake intake;
    private final VisitQueries queries;
    private final QueryParams params;
    private final JsonBodies bodies;

    VisitController(VisitIntake intake, VisitQueries queries, QueryParams params, JsonBodies bodies) {
        this.intake = intake;
        this.queries = queries;
        this.params = params;
        this.bodies = bodies;
    }

    /** STAFF; DISPATCH for HOTLINE and ONLINE entries (SecurityConfig, VisitIntake). */
    @Operation(summary = "Log a visit and its problems", description = "One ticket per problem, in order; each is "
            + "routed at once. `visitedAt` may lie any time in the past, at most five minutes ahead.")
    @ApiAccess(value = {"STAFF", "DISPATCH"}, scope = "DISPATCH only for HOTLINE and ONLINE entries",
            errors = {400, 403, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = VisitRequest.class)))
    @ApiResponse(responseCode = "201", description = "The visit with its tickets; a repeated Idempotency-Key answers "
            + "the first answer again, with header Idempotent-Replayed: true",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/visits/{id}",
                    schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = VisitView.class)))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> log(@RequestBody JsonNode body, Caller caller,
            @Parameter(description = "Repeating an earlier successful request's key (same user) returns its answer "
                    + "and creates nothing; the same key with another body is 409")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) {
        // 403 before 400 (API.md): whether dispatch may log this entry, before the body's shape is judged
        intake.authorize(caller, body.path("source").textValue());
        VisitRequest request = bodies.read(body, VisitRequest.class);
        VisitIntake.Answer answer = intake.log(request, caller, idempotencyKey);
        // a replay is created at the same address
        ResponseEntity.BodyBuilder response = ResponseEntity.created(Created.below(http, answer.id()))
                .contentType(MediaType.APPLICATION_JSON);
        if (answer.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(answer.json());
    }

    /** STAFF, DISPATCH, LEADER, ADMIN (SecurityConfig). */
    @Operation(summary = "List visits", description = "Filter by enterprise credit code, staff user name, and "
            + "`from`/`to` (when the visit was made: each a day, yyyy-MM-dd, or a moment, an ISO-8601 date-time); "
            + "paged.")
    @ApiAccess(value = {"STAFF", "DISPATCH", "LEADER", "ADMIN"}, errors = {400, 403})
    // what no visit's enterprise or visitor can be (longer than a credit code, a user name) could match nothing
    @Parameter(name = "enterprise", in = ParameterIn.QUERY,
            schema = @Schema(type = "string", maxLength = CreditCode.LENGTH),
            description = "the enterprise's credit code, in any case")
    @Parameter(name = "staff", in = ParameterIn.QUERY,
            schema = @Schema(type = "string", maxLength = AccountDirectory.USERNAME_MAX),
            description = "the user name of who logged the visit; an unknown one matches nothing")
    @GetMapping
    PageResult<VisitView> list(@RequestParam(required = false) String enterprise,
            @RequestParam(required = false) String staff, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String code = params.folded(enterprise);
        errors.optionalText("enterprise", code, CreditCode.LENGTH);
        String visitor = params.folded(staff);
        errors.optionalText("staff", visitor, AccountDirectory.USERNAME_MAX);
        Instant fromValue = params.startOf(errors, "from", from);
        Instant toValue = params.endOf(errors, "to", to);
        params.inOrder(errors, fromValue, toValue);
        errors.throwIfAny();
        return queries.list(code == null ? null : CreditCode.normalize(code), visitor, fromValue, toValue,
                PageParams.of(page, size));
    }

    /** STAFF, DISPATCH, LEADER, ADMIN; a department gets 403 (after 404 for an unknown id). */
    @Operation(summary = "A visit with its tickets")
    @ApiAccess(value = {"STAFF", "DISPATCH", "LEADER", "ADMIN"}, errors = {403, 404})
    @GetMapping("/{id}")
    VisitView get(@PathVariable String id, Caller caller) {
        VisitView visit = queries.get(id, caller);
        caller.require(Role.STAFF, Role.DISPATCH, Role.LEADER, Role.ADMIN);
        return visit;
    }
}
