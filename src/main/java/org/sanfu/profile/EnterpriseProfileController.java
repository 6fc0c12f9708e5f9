package org.sanfu.profile;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.sanfu.enterprise.Enterprise;
import org.sanfu.enterprise.EnterpriseService;
import org.sanfu.security.Caller;
import org.sanfu.security.Role;
import org.sanfu.ticket.TicketQueries;
import org.sanfu.ticket.TicketStatus;
import org.sanfu.visit.VisitQueries;
import org.sanfu.visit.VisitView;
import org.sanfu.web.ApiAccess;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The enterprise profile (一企一档): its own fields, its recent visits and its tickets. Anyone signed
 * in; a department sees only the tickets it is involved in, and no visits; (addition) and the enterprise's contact
 * only when it is involved in one of its tickets, as it would call them about that ticket.
 */
@RestController
class EnterpriseProfileController {

    static final int RECENT_VISITS = 50;

    record TicketLine(String id, String category, String title, TicketStatus status, boolean overdue) {}

    /**
     * The enterprise's own fields unwrapped, {@code latestOperatingStatus} among them: a component of
     * that name beside them wrote the key twice in one object.
     */
    record Profile(@JsonUnwrapped Enterprise enterprise, List<VisitView> visits, List<TicketLine> tickets) {}

    private final EnterpriseService enterprises;
    private final VisitQueries visits;
    private final TicketQueries tickets;

    EnterpriseProfileController(EnterpriseService enterprises, VisitQueries visits, TicketQueries tickets) {
        this.enterprises = enterprises;
        this.visits = visits;
        this.tickets = tickets;
    }

    @Operation(summary = "An enterprise's profile (一企一档)", description = "Its own fields, "
            + "`latestOperatingStatus`, its recent visits and its tickets. (addition) For DEPT, `contactName` and "
            + "`contactPhone` are null unless the department leads or co-handles one of its tickets.")
    @ApiAccess(value = {"STAFF", "DISPATCH", "DEPT", "LEADER", "ADMIN"},
            scope = "a department sees only the tickets it handles, no visits, and the contact only with such a "
                    + "ticket", errors = 404)
    @Tag(name = "Enterprises")
    @GetMapping("/api/enterprises/{creditCode}")
    Profile profile(@PathVariable String creditCode, Caller caller) {
        Enterprise enterprise = enterprises.get(creditCode);
        List<VisitView> recent = caller.is(Role.DEPT) ? List.of()
                : visits.ofEnterprise(enterprise.creditCode(), RECENT_VISITS);
        List<TicketLine> lines = tickets.ofEnterprise(enterprise.creditCode(), caller).stream()
                .map(t -> new TicketLine(t.id(), t.category(), t.title(), t.status(), t.overdue())).toList();
        // the tickets a department sees are those it leads or co-handles (the ticket list's rule): with none, the
        // enterprise's contact person and telephone are none of its business (个人信息保护法's minimum necessary)
        boolean handlesOne = !caller.is(Role.DEPT) || !lines.isEmpty();
        return new Profile(handlesOne ? enterprise : enterprise.withoutContact(), recent, lines);
    }
}
