package org.sanfu.feedback;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * A token bucket per client address for /f/**: {@code sanfu.feedback-links.requests-per-minute} requests a
 * minute, as a burst or spread out. A token is 256 random bits, so guessing is hopeless anyway; this keeps
 * a client from making the pages (and their database reads) its target. The address is the connection's
 * (behind a proxy, set server.forward-headers-strategy). Buckets live in this node's memory, bounded by
 * {@code max-tracked}, and are forgotten a minute after their last use, when they would be full again.
 */
@Component
class FeedbackPageThrottle {

    private record Bucket(double tokens, Instant at) {}

    private final Cache<String, Bucket> buckets;
    private final int perMinute;
    private final Clock clock;

    FeedbackPageThrottle(FeedbackLinkProperties settings, Clock clock) {
        this.perMinute = settings.requestsPerMinute();
        this.clock = clock;
        this.buckets = Caffeine.newBuilder().maximumSize(settings.maxTracked())
                .expireAfterAccess(Duration.ofMinutes(1)).build();
    }

    /** Takes a token for this address: false when its bucket is empty (429). */
    boolean admit(String address) {
        Instant now = clock.instant();
        boolean[] admitted = {false};
        buckets.asMap().compute(address == null ? "" : address, (key, before) -> {
            double tokens = perMinute;
            if (before != null) {
                double seconds = Math.max(0, Duration.between(before.at(), now).toMillis() / 1000.0);
                tokens = Math.min(perMinute, before.tokens() + seconds * perMinute / 60.0);
            }
            if (tokens >= 1) {
                admitted[0] = true;
                tokens -= 1;
            }
            return new Bucket(tokens, now);
        });
        return admitted[0];
    }
}
