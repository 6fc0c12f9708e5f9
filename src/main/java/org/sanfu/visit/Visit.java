package org.sanfu.visit;

import java.time.Instant;
import org.sanfu.enterprise.OperatingStatus;
import org.sanfu.ticket.Source;

/** A visit as stored. */
record Visit(long id, String enterpriseCreditCode, Instant visitedAt, String staff, Source source,
        OperatingStatus operatingStatus, Integer orderBacklogMonths, String notes, Instant createdAt) {
}
