package org.sanfu.stats;

import java.time.Instant;

/**
 * Which tickets count: those reported in [from, to), optionally of one lead department, category or
 * town. Null bounds mean all time.
 */
public record TicketFilter(Instant from, Instant toExclusive, String department, String category, String town) {

    public static TicketFilter reportedBetween(Instant from, Instant toExclusive) {
        return new TicketFilter(from, toExclusive, null, null, null);
    }
}
