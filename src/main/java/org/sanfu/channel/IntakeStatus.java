package org.sanfu.channel;

import org.sanfu.ticket.Satisfaction;
import org.sanfu.ticket.TicketStatus;

/** {@code GET /api/intake/{externalId}}: where the channel's problem stands. */
public record IntakeStatus(String externalId, String ticketId, TicketStatus status, String resolution,
        Satisfaction satisfaction) {
}
