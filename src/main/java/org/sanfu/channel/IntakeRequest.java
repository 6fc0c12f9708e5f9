package org.sanfu.channel;

import io.swagger.v3.oas.annotations.media.Schema;
import org.sanfu.ticket.Urgency;

/** {@code POST /api/intake}: one problem a channel files, known to it by its own external id. */
public record IntakeRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 128,
                description = "The channel's own id of the problem: the same one again files nothing new")
        String externalId,
        @Schema(description = "The enterprise's 统一社会信用代码, filed; required unless enterpriseName is given")
        String enterpriseCreditCode,
        @Schema(maxLength = 200, description = "Addition: without enterpriseCreditCode, the enterprise on file of this "
                + "name, when exactly one is (a caller seldom knows the code). Its exact name wins; else brackets match in "
                + "either width, （） or (), and spaces typed into it do not count. Beside a credit code it is not used")
        String enterpriseName,
        @Schema(format = "date-time", description = "When the enterprise spoke; default now, at most five minutes "
                + "ahead and at most sanfu.channels.max-report-age (30 days) back")
        String reportedAt,
        @Schema(maxLength = 64, description = "A category of the catalog, in any case (container is CONTAINER); "
                + "without one, or unknown, the ticket is OTHER and goes to DISPATCHING")
        String category,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title,
        String description,
        Urgency urgency) {
}
