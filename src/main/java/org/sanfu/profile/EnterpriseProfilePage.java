package org.sanfu.profile;

import java.util.List;
import org.sanfu.enterprise.Enterprise;
import org.sanfu.enterprise.EnterpriseService;
import org.sanfu.security.Caller;
import org.sanfu.security.PersonDetails;
import org.sanfu.ticket.TicketQueries;
import org.sanfu.ticket.TicketTally;
import org.sanfu.ticket.TicketView;
import org.sanfu.visit.VisitQueries;
import org.sanfu.visit.VisitView;
import org.sanfu.web.Page;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /enterprises/{creditCode}}: the profile (一企一档) as a page, from the same reads as
 * {@code GET /api/enterprises/{creditCode}}: the enterprise's fields, its recent visits and its tickets,
 * each linking to its own page. STAFF, DISPATCH, LEADER, ADMIN (SecurityConfig); an unknown code is 404.
 */
@Page
class EnterpriseProfilePage {

    private final EnterpriseService enterprises;
    private final VisitQueries visits;
    private final TicketQueries tickets;

    EnterpriseProfilePage(EnterpriseService enterprises, VisitQueries visits, TicketQueries tickets) {
        this.enterprises = enterprises;
        this.visits = visits;
        this.tickets = tickets;
    }

    @GetMapping("/enterprises/{creditCode}")
    ModelAndView profile(@PathVariable String creditCode, Caller caller) {
        Enterprise enterprise = enterprises.get(creditCode);
        ModelAndView page = new ModelAndView("enterprises/profile");
        page.addObject("enterprise", enterprise);
        page.addObject("contactDialling", PersonDetails.dialling(enterprise.contactPhone()));
        // the most recent visits, and how many there are in all: the heading counts them all, not those listed
        PageResult<VisitView> recent = visits.list(enterprise.creditCode(), null, null, null,
                PageParams.of(0, EnterpriseProfileController.RECENT_VISITS));
        page.addObject("visits", recent.items());
        page.addObject("visitTotal", recent.total());
        List<TicketView> own = tickets.ofEnterprise(enterprise.creditCode(), caller);
        page.addObject("tickets", own);
        // each visit's card says how its tickets stand, as /work's 最近走访 does
        page.addObject("visitTallies", TicketTally.byVisit(own));
        return page;
    }
}
