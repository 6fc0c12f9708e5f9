package org.sanfu.channel;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.sanfu.ticket.EscalationLevel;
import org.sanfu.ticket.Outcome;
import org.sanfu.ticket.Satisfaction;
import org.sanfu.ticket.TicketStatus;
import org.sanfu.ticket.TicketView;
import org.sanfu.ticket.Urgency;

/**
 * A ticket as its channel reads it ({@code POST /api/intake}, 201 and 200): the ticket's keys (API.md "Tickets")
 * and what the enterprise itself may know, where it stands, its deadlines, the answer it was given, and nothing
 * the departments or the office wrote for themselves: no co-department's opinion or who wrote it, no extension
 * request or its reason. A channel may show its answer to the caller (a 12345 hotline does). Built by naming each
 * field it keeps, so that a field the staff's view gains later is not handed to a channel unasked.
 */
@Schema(description = "A ticket as the channel that filed it reads it: the ticket's keys, without the departments' "
        + "own texts (co-departments' opinions, extension requests) or staff user names")
public record ChannelTicket(
        String id,
        @Schema(description = "Null: a channel's problem was heard on no visit")
        String visitId,
        String enterpriseCreditCode,
        String enterpriseName,
        String town,
        String category,
        String categoryLabel,
        String title,
        String description,
        Urgency urgency,
        @Schema(description = "The channel's code")
        String source,
        TicketStatus status,
        String leadDepartment,
        @Schema(description = "Addition: the lead department's name, as the catalog labels it (交通运输局（港航）), "
                + "as GET /api/intake/{externalId} and the callbacks name it; null while none leads it")
        String leadDepartmentLabel,
        List<String> coDepartments,
        @Schema(description = "channel:<code>, the channel itself")
        String reporter,
        Instant reportedAt,
        Instant assignedAt,
        Instant signedAt,
        Instant repliedAt,
        Instant closedAt,
        Instant signDeadline,
        Instant replyDeadline,
        boolean overdue,
        boolean signOverdue,
        boolean replyOverdue,
        Instant feedbackDue,
        int reopenCount,
        int returnCount,
        EscalationLevel escalationLevel,
        Satisfaction satisfaction,
        String resolution,
        Outcome outcome,
        boolean resolvedOnSite,
        @Schema(description = "Always empty: the actions are people's; the channel's own, its caller's rating of the reply, "
                + "has its endpoint, POST /api/intake/{externalId}/feedback")
        List<String> allowedActions) {

    /** The ticket as its channel reads it; {@code leadDepartmentLabel}: the catalog's name of its lead, or null. */
    static ChannelTicket of(TicketView t, String leadDepartmentLabel) {
        return new ChannelTicket(t.id(), t.visitId(), t.enterpriseCreditCode(), t.enterpriseName(), t.town(),
                t.category(), t.categoryLabel(), t.title(), t.description(), t.urgency(), t.source(), t.status(),
                t.leadDepartment(), leadDepartmentLabel, t.coDepartments(), t.reporter(), t.reportedAt(), t.assignedAt(),
                t.signedAt(), t.repliedAt(), t.closedAt(), t.signDeadline(), t.replyDeadline(), t.overdue(),
                t.signOverdue(), t.replyOverdue(), t.feedbackDue(), t.reopenCount(), t.returnCount(), t.escalationLevel(),
                t.satisfaction(), t.resolution(), t.outcome(), t.resolvedOnSite(), List.of());
    }
}
