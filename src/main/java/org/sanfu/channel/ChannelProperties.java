package org.sanfu.channel;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sanfu.channels.*}: the channels' secrets and callbacks.
 *
 * @param secretKey base64 of a 16-, 24- or 32-byte AES key that encrypts the channels' secrets in the
 *        database (AES-GCM); without it a secret is kept readable there, and the service says so at start
 * @param callbackTimeout how long a callback may take to connect and to answer
 * @param backoff the waits after the 1st, 2nd... failed attempt; after the last one the callback is given
 *        up (FAILED, shown to ADMIN)
 * @param pollInterval how often due callbacks are looked for (besides right after each commit)
 */
@ConfigurationProperties("sanfu.channels")
@Validated
public record ChannelProperties(String secretKey,
        @NotNull @DurationMin(millis = 100) @DefaultValue("10s") Duration callbackTimeout,
        @NotEmpty @DefaultValue({"1m", "5m", "30m", "2h", "12h"}) List<@NotNull @DurationMin(seconds = 1) Duration> backoff,
        @NotNull @DurationMin(millis = 100) @DefaultValue("15s") Duration pollInterval) {

    /** Attempts in all before a callback is given up: the first and one after each wait. */
    int maxAttempts() {
        return backoff.size() + 1;
    }
}
