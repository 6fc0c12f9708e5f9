package org.sanfu.systemic;

import java.time.Instant;

/** An open ticket as the systemic scan sees it: who reported what, where and when. */
public record Candidate(String ticketId, String enterpriseCreditCode, String town, String category, String title,
        String description, Instant reportedAt) {
}
