package org.sanfu.ticket;

import java.time.Instant;

/** One problem of a visit (or of a channel, without a visit: visitId null), as intake hands it to the ticket feature. */
public record NewTicket(
        Long visitId,
        String enterpriseCreditCode,
        String enterpriseName,
        String town,
        String reporter,
        String category,
        String title,
        String description,
        Urgency urgency,
        String source,
        Instant reportedAt,
        boolean resolvedOnSite,
        String onSiteResolution) {
}
