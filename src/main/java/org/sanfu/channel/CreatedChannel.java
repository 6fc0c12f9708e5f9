package org.sanfu.channel;

import io.swagger.v3.oas.annotations.media.Schema;

/** The answer to {@code POST /api/channels}: the key and secret, shown this once. */
public record CreatedChannel(String code, String name, String callbackUrl,
        @Schema(description = "Send as header X-Channel-Key; shown this once, stored as its SHA-256 digest") String key,
        @Schema(description = "Verifies X-Sanfu-Signature of callbacks; shown this once") String secret) {
}
