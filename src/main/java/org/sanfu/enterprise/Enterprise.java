package org.sanfu.enterprise;

import java.time.Instant;

/**
 * One enterprise's file (一企一档), without its visits and tickets. (addition) {@code contactName} and
 * {@code contactPhone}: whom a department handling its ticket calls and whom its feedback link is texted to (联系人,
 * 联系电话), each null for none; last, so that the fields before them keep their places in the JSON.
 */
public record Enterprise(
        String creditCode,
        String name,
        String town,
        String industry,
        boolean exporter,
        boolean key,
        String specialist,
        OperatingStatus latestOperatingStatus,
        Instant createdAt,
        Instant updatedAt,
        String contactName,
        String contactPhone) {
}
