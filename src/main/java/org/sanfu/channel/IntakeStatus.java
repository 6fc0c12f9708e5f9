package org.sanfu.channel;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.sanfu.ticket.Outcome;
import org.sanfu.ticket.Satisfaction;
import org.sanfu.ticket.TicketStatus;

/**
 * {@code GET /api/intake/{externalId}}: where the channel's problem stands, who leads it and by when (a hotline's
 * caller who phones again asks just that). Each field as the ticket in the intake's own answer (ChannelTicket) names
 * it, and nothing that answer leaves out.
 */
public record IntakeStatus(String externalId, String ticketId, TicketStatus status, String resolution,
        Satisfaction satisfaction,
        @Schema(description = "The lead department's code; null while none has it (a returned ticket in "
                + "DISPATCHING still names the one that returned it)")
        String leadDepartment,
        @Schema(description = "The lead department's name, as the catalog labels it (交通运输局（港航）)")
        String leadDepartmentLabel,
        Instant replyDeadline,
        @Schema(description = "Until when the enterprise's rating of the reply is awaited; null until replied")
        Instant feedbackDue,
        Outcome outcome,
        Instant closedAt,
        @Schema(description = "How often the enterprise's dissatisfaction reopened it")
        int reopenCount) {
}
