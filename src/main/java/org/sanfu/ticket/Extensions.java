package org.sanfu.ticket;

import java.time.Instant;
import java.util.List;
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

    /**
     * The extensions granted so far in the ticket's life (its history's approve-extension events, whose text
     * {@link #grantedText} writes): how many, and their working days together. Dispatch sees them beside the next
     * request: a department may ask again and again, and only the office's approval stops it.
     */
    public Granted granted(List<TicketEvent> history) {
        int times = 0;
        int workingDays = 0;
        for (TicketEvent event : history) {
            String text = event.detail();
            if (TicketAction.APPROVE_EXTENSION.urlName().equals(event.action()) && text != null
                    && text.startsWith(GRANTED)) {
                times++;
                int days = 0;
                for (int i = GRANTED.length(); i < text.length() && i < GRANTED.length() + 3
                        && Character.isDigit(text.charAt(i)); i++) {
                    days = days * 10 + (text.charAt(i) - '0');
                }
                workingDays += days;
            }
        }
        return new Granted(times, workingDays);
    }

    /** How many extensions a ticket was granted, and their working days together. */
    public record Granted(int times, int workingDays) {}

    private static final String GRANTED = "同意延期 ";

    /** The history's text of an approval: "同意延期 3 个工作日，答复期限延至 2026-12-10". */
    static String grantedText(int workingDays, String until) {
        return GRANTED + workingDays + " 个工作日，答复期限延至 " + until;
    }

    /** The reply deadline moved by this many working days (approve-extension). */
    Instant movedTo(Instant replyDeadline, int workingDays) {
        return calendar.plusWorkingDays(replyDeadline, workingDays);
    }
}
