package org.sanfu.visit;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.sanfu.DomainException;
import org.sanfu.Ids;
import org.sanfu.security.Caller;
import org.sanfu.ticket.TicketQueries;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading visits: by id with their tickets, as lists, and an enterprise's recent visits. */
@Service
@Transactional(readOnly = true)
public class VisitQueries {

    private final Visits visits;
    private final TicketQueries tickets;

    VisitQueries(Visits visits, TicketQueries tickets) {
        this.visits = visits;
        this.tickets = tickets;
    }

    public VisitView get(String id, Caller caller) {
        Visit visit = parse(id).flatMap(visits::find).orElseThrow(() -> new DomainException.NotFound("visit", id));
        return VisitView.of(visit, tickets.ofVisit(visit.id(), caller));
    }

    /** Visits without their tickets, newest first. */
    public PageResult<VisitView> list(String enterprise, String staff, Instant from, Instant toExclusive,
            PageParams page) {
        return visits.list(enterprise, staff, from, toExclusive, page).map(v -> VisitView.of(v, null));
    }

    public List<VisitView> ofEnterprise(String creditCode, int limit) {
        return visits.list(creditCode, null, null, null, PageParams.of(0, limit)).items().stream()
                .map(v -> VisitView.of(v, null)).toList();
    }

    private static java.util.Optional<Long> parse(String id) {
        OptionalLong parsed = Ids.parse(id);
        return parsed.isPresent() ? java.util.Optional.of(parsed.getAsLong()) : java.util.Optional.empty();
    }
}
