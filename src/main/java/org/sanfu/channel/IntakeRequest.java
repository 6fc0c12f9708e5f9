package org.sanfu.channel;

import io.swagger.v3.oas.annotations.media.Schema;
import org.sanfu.ticket.Urgency;

/** {@code POST /api/intake}: one problem a channel files, known to it by its own external id. */
public record IntakeRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 128,
                description = "The channel's own id of the problem: the same one again files nothing new")
        String externalId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String enterpriseCreditCode,
        @Schema(format = "date-time", description = "When the enterprise spoke; default now, at most five minutes ahead")
        String reportedAt,
        @Schema(maxLength = 64, description = "A category of the catalog, in any case (container is CONTAINER); "
                + "without one, or unknown, the ticket is OTHER and goes to DISPATCHING")
        String category,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title,
        String description,
        Urgency urgency) {
}
