package org.sanfu.channel;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.sanfu.ticket.Outcome;
import org.sanfu.ticket.Satisfaction;
import org.sanfu.ticket.TicketStatus;

/**
 * The body of a callback (API.md "Channels", Callbacks), as the outbox stores it and the sender posts it; the
 * OpenAPI document's webhook names it too ({@link CallbackDocs}). The fields after changedAt are additions, each
 * as {@code GET /api/intake/{externalId}} (IntakeStatus) names it, so that a hotline need not read the ticket back.
 */
@Schema(name = "ChannelCallback", description = "A status change of a channel's ticket, posted to its callbackUrl")
public record CallbackBody(
        String channel,
        String externalId,
        String ticketId,
        TicketStatus status,
        String resolution,
        Satisfaction satisfaction,
        @Schema(description = "When the change was stored")
        Instant changedAt,
        String leadDepartment,
        String leadDepartmentLabel,
        Instant replyDeadline,
        Instant feedbackDue,
        @Schema(description = "How the reply ended it; null until replied")
        Outcome outcome,
        @Schema(description = "When it was closed; null while open")
        Instant closedAt,
        @Schema(description = "How often the enterprise's dissatisfaction reopened it")
        int reopenCount,
        @Schema(description = "1, 2, 3... over this channel's callbacks in the order they were stored: a number "
                + "skipped is a callback not received yet (being retried, or given up)")
        long channelSequence) {
}
