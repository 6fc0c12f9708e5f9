package org.sanfu.ticket;

import java.time.Instant;
import org.sanfu.calendar.WorkingDayCalendar;
import org.springframework.stereotype.Component;

/**
 * Where an approved extension (延期) moves a ticket's reply deadline. The approval moves it here, and the pages
 * that tell dispatch beforehand what approving would give ({@code ${@extensions.ifApproved(t)}}) ask here too,
 * so that what the page promised and what the approval does can never be counted on two calendars.
 */
@Component("extensions")
public class Extensions {

    private final WorkingDayCalendar calendar;

    Extensions(WorkingDayCalendar calendar) {
        this.calendar = calendar;
    }

    /** The reply deadline approving the ticket's pending request would give it; null with no request pending. */
    public Instant ifApproved(TicketView ticket) {
        Ticket.ExtensionRequest pending = ticket.extensionRequest();
        return pending == null || ticket.replyDeadline() == null ? null
                : movedTo(ticket.replyDeadline(), pending.workingDays());
    }

    /** The reply deadline moved by this many working days (approve-extension). */
    Instant movedTo(Instant replyDeadline, int workingDays) {
        return calendar.plusWorkingDays(replyDeadline, workingDays);
    }
}
