package org.sanfu.channel;

import java.time.Instant;

/**
 * A channel as stored: its key only as a digest, its secret sealed (ChannelSecrets); and, for
 * sanfu.channels.previous-key-grace after a renewal, the key and secret it had before, kept alike, until
 * {@code previousUntil}.
 */
record Channel(String code, String name, String callbackUrl, String keyHash, String sealedSecret,
        Instant createdAt, Instant revokedAt, String previousKeyHash, String previousSealedSecret,
        Instant previousUntil) {

    boolean revoked() {
        return revokedAt != null;
    }

    /** Whether the key and secret before the last renewal still hold at this moment (never on a revoked channel). */
    boolean previousHoldsAt(Instant now) {
        return !revoked() && previousKeyHash != null && previousUntil != null && now.isBefore(previousUntil);
    }
}
