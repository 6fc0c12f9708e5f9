package org.sanfu.enterprise;

import java.time.Instant;

/** One enterprise's file (一企一档), without its visits and tickets. */
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
        Instant updatedAt) {
}
