package org.sanfu.ticket.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.sanfu.security.Caller;
import org.sanfu.ticket.TicketQueries;
import org.sanfu.ticket.TicketView;
import org.sanfu.web.ApiAccess;
import org.sanfu.web.PageParams;
import org.sanfu.web.PageResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Anyone signed in: the tickets on which the caller can act now, most urgent deadline first. */
@RestController
class InboxController {

    private final TicketQueries queries;

    InboxController(TicketQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "My inbox", description = "The tickets on which the signed-in user can act now (an action "
            + "other than comment), most urgent deadline first; paged.")
    @ApiAccess(value = {"STAFF", "DISPATCH", "DEPT", "LEADER", "ADMIN"}, errors = 400)
    @Tag(name = "Tickets")
    @GetMapping("/api/inbox")
    PageResult<TicketView> inbox(Caller caller, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return queries.inbox(caller, PageParams.of(page, size));
    }
}
