package org.sanfu.channel;

import java.time.Instant;

/** A channel as stored: its key only as a digest, its secret sealed (ChannelSecrets). */
record Channel(String code, String name, String callbackUrl, String keyHash, String sealedSecret,
        Instant createdAt, Instant revokedAt) {

    boolean revoked() {
        return revokedAt != null;
    }
}
