package org.sanfu.stats;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.YearMonth;
import org.sanfu.enterprise.EnterpriseForm;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.web.ActionBody;
import org.sanfu.web.ApiAccess;
import org.sanfu.web.InvalidInput;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** LEADER, DISPATCH and ADMIN read (SecurityConfig); STAFF and DEPT get 403. A talk is recorded by a LEADER. */
@RestController
@RequestMapping("/api/stats")
class StatsController {

    /** The town parameter's words in the document; its bound is the one StatsParameters checks. */
    private static final String TOWN = "the town (镇/街道), exactly; longer than a file's town could match nothing";

    private final StatsService stats;
    private final StatsParameters parameters;
    private final VisitCoverage coverage;
    private final Talks talks;

    StatsController(StatsService stats, StatsParameters parameters, VisitCoverage coverage, Talks talks) {
        this.talks = talks;
        this.stats = stats;
        this.parameters = parameters;
        this.coverage = coverage;
    }

    /** Tickets count in the period in which they were reported; without from/to, all time. */
    @ApiAccess(value = {"LEADER", "DISPATCH", "ADMIN"}, errors = {400, 403})
    @Parameter(name = "town", in = ParameterIn.QUERY,
            schema = @Schema(type = "string", maxLength = EnterpriseForm.TOWN_MAX), description = TOWN)
    @GetMapping("/summary")
    Summary summary(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String department, @RequestParam(required = false) String category,
            @RequestParam(required = false) String town) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        TicketFilter filter = parameters.filter(errors, from, to, department, category, town);
        errors.throwIfAny();
        return stats.summary(filter);
    }

    /** Visit coverage (走访覆盖) of the enterprises on file, in the period; without from/to, all time. */
    @ApiAccess(value = {"LEADER", "DISPATCH", "ADMIN"}, errors = {400, 403})
    @Parameter(name = "town", in = ParameterIn.QUERY,
            schema = @Schema(type = "string", maxLength = EnterpriseForm.TOWN_MAX), description = TOWN)
    @GetMapping("/coverage")
    VisitCoverage.Coverage coverage(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String town,
            @RequestParam(required = false) String exporter, @RequestParam(required = false) String key) {
        return coverage.of(coverageFilter(from, to, town, exporter, key));
    }

    /** The enterprises no visit or forum met in the period: never met first, then those met longest ago. */
    @ApiAccess(value = {"LEADER", "DISPATCH", "ADMIN"}, errors = {400, 403})
    @Parameter(name = "town", in = ParameterIn.QUERY,
            schema = @Schema(type = "string", maxLength = EnterpriseForm.TOWN_MAX), description = TOWN)
    @GetMapping("/coverage/unvisited")
    PageResult<VisitCoverage.Unvisited> unvisited(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String town,
            @RequestParam(required = false) String exporter, @RequestParam(required = false) String key,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        VisitCoverage.Filter filter = coverageFilter(from, to, town, exporter, key);
        return coverage.unvisited(filter, PageParams.of(page, size));
    }

    private VisitCoverage.Filter coverageFilter(String from, String to, String town, String exporter, String key) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        VisitCoverage.Filter filter = parameters.coverage(errors, from, to, town, exporter, key);
        errors.throwIfAny();
        return filter;
    }

    /** {@code ?quarter=2021-Q1}; the current quarter by default. */
    @ApiAccess(value = {"LEADER", "DISPATCH", "ADMIN"}, errors = {400, 403})
    @GetMapping("/medals")
    Medals medals(@RequestParam(required = false) String quarter) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        YearMonth first = parameters.quarter(errors, quarter);
        errors.throwIfAny();
        return stats.medals(first, parameters.currentMonth());
    }

    @Operation(summary = "talk", description = "约谈 recorded: a leader's talk with a department named 蜗牛店小二 "
            + "(`subjectKind` DEPARTMENT, `subject` its code) or a town shown a red card (TOWN, the town's name as "
            + "the tickets give it) for a month's ranking, held on `heldOn` (in or after that month, not after "
            + "today). For a month over, the subject is one its ranking names (stored with the talk where no job stored "
            + "it); a month not begun has none yet (400 naming `month`). `/medals` shows it in its month's `talks`. One "
            + "talk per month and subject: another → 409.")
    @ApiAccess(value = {"LEADER"}, errors = {400, 403, 409})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = TalkRequest.class)))
    @PostMapping("/talks")
    @ResponseStatus(HttpStatus.CREATED)
    Talk talk(Caller caller, ActionBody body) {
        caller.require(Role.LEADER);
        return talks.record(body.as(TalkRequest.class), caller);
    }

    /** {@code ?month=2020-06}; the current month by default. */
    @ApiAccess(value = {"LEADER", "DISPATCH", "ADMIN"}, errors = {400, 403})
    @GetMapping("/ranking")
    Ranking ranking(@RequestParam(required = false) String month) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        YearMonth value = parameters.month(errors, month);
        errors.throwIfAny();
        return stats.ranking(value);
    }
}
