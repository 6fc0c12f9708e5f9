package org.sanfu.channel;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.hibernate.validator.constraints.time.DurationMin;
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
 * @param callbackHosts the hosts a callback URL may name; empty, any host. An entry is a host name or an
 *        address, matched whole and regardless of case, or {@code *.} and a domain, matching every name
 *        under that domain (not the domain itself). A URL naming another host is refused when a channel
 *        is created, and a stored one (the list changed since) is given up instead of posted to: the
 *        service posts only where its operators said it may, whoever holds the ADMIN account.
 * @param previousKeyGrace how long a channel's key and secret still hold after a renewal replaced them: the old key
 *        still files, and each callback also carries X-Sanfu-Signature-Previous, made with the old secret, so that
 *        the channel's side switches over without a gap; 0, they stop at once. Revoking the channel ends it at once.
 * @param maxReportAge how far back a problem a channel files may have been reported ({@code reportedAt}): a hotline
 *        passes a call on within hours, and the reply clock runs from that moment, so one sent years back would be
 *        overdue at once and counted against the department it is routed to (whole days, at least one)
 */
@ConfigurationProperties("sanfu.channels")
@Validated
public record ChannelProperties(String secretKey,
        @NotNull @DurationMin(millis = 100) @DefaultValue("10s") Duration callbackTimeout,
        @NotEmpty @DefaultValue({"1m", "5m", "30m", "2h", "12h"}) List<@NotNull @DurationMin(seconds = 1) Duration> backoff,
        @NotNull @DurationMin(millis = 100) @DefaultValue("15s") Duration pollInterval,
        @DefaultValue List<@NotNull @Pattern(regexp = HOST) String> callbackHosts,
        @NotNull @DurationMin(seconds = 0) @DefaultValue("24h") Duration previousKeyGrace,
        @NotNull @DurationMin(days = 1) @DefaultValue("30d") Duration maxReportAge) {

    /** A host name, an IPv4 address, or an IPv6 one in brackets; a name may start with "*." (any under it). */
    static final String HOST = "(\\*\\.)?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*|\\[[0-9A-Fa-f:.]+]";

    /**
     * maxReportAge in whole days: a channel's refusal words it in days (ChannelIntake, "30 天"), so 36h was refused
     * as "1 天" while a report 30 hours back was taken. Checked at start, naming the setting.
     */
    @AssertTrue(message = "must be whole days, as 30d")
    public boolean isMaxReportAgeInWholeDays() {
        return maxReportAge == null || maxReportAge.equals(Duration.ofDays(maxReportAge.toDays()));
    }

    /** Whether a callback may be posted to this http(s) URL's host (callbackHosts). */
    boolean allowsCallbackTo(URI url) {
        if (callbackHosts.isEmpty()) {
            return true;
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        for (String entry : callbackHosts) {
            String allowed = entry.toLowerCase(Locale.ROOT);
            if (allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : host.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    /** Attempts in all before a callback is given up: the first and one after each wait. */
    int maxAttempts() {
        return backoff.size() + 1;
    }
}
