package org.sanfu.channel;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A channel as ADMIN lists it (GET /api/channels): never its key or secret. */
public record ChannelView(String code, String name, String callbackUrl, Instant createdAt,
        @Schema(description = "When its key was revoked; null while it is live") Instant revokedAt,
        @Schema(description = "Callbacks waiting for their first or next attempt") long pendingCallbacks,
        @Schema(description = "Callbacks given up after every attempt failed") long failedCallbacks) {
}
