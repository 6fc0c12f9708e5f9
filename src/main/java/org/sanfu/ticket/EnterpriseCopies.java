package org.sanfu.ticket;

import org.sanfu.enterprise.EnterpriseUpdated;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tickets keep a copy of their enterprise's name and town for lists and figures; it follows edits. */
@Component
class EnterpriseCopies {

    private final Tickets tickets;

    EnterpriseCopies(Tickets tickets) {
        this.tickets = tickets;
    }

    @EventListener
    void on(EnterpriseUpdated e) {
        tickets.renameEnterprise(e.creditCode(), e.name(), e.town());
    }
}
