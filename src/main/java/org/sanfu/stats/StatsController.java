package org.sanfu.stats;

import java.time.YearMonth;
import org.sanfu.web.ApiAccess;
import org.sanfu.web.InvalidInput;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** LEADER, DISPATCH and ADMIN (SecurityConfig); STAFF and DEPT get 403. */
@RestController
@RequestMapping("/api/stats")
class StatsController {

    private final StatsService stats;
    private final StatsParameters parameters;

    StatsController(StatsService stats, StatsParameters parameters) {
        this.stats = stats;
        this.parameters = parameters;
    }

    /** Tickets count in the period in which they were reported; without from/to, all time. */
    @ApiAccess(value = {"LEADER", "DISPATCH", "ADMIN"}, errors = {400, 403})
    @GetMapping("/summary")
    Summary summary(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String department, @RequestParam(required = false) String category,
            @RequestParam(required = false) String town) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        TicketFilter filter = parameters.filter(errors, from, to, department, category, town);
        errors.throwIfAny();
        return stats.summary(filter);
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
