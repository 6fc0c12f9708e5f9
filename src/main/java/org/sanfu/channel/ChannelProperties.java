package org.sanfu.channel;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.hibernate.validator.constraints.time.DurationMin;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;
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
        @NotNull @DurationMin(days = 1) @MaxReportAgeInWholeDays @DefaultValue("30d") Duration maxReportAge) {

    /** A host name, an IPv4 address, or an IPv6 one in brackets; a name may start with "*." (any under it). */
    static final String HOST = "(\\*\\.)?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*|\\[[0-9A-Fa-f:.]+]";

    /**
     * maxReportAge in whole days (30d, not 36h), the one setting it is for (its message names it): a channel's refusal of a report too old words maxReportAge in days
     * (ChannelIntake, "30 天"), so 36h was refused as "1 天" while a report 30 hours back was taken. A constraint on
     * the setting itself, so that the start's refusal names it as written, sanfu.channels.max-report-age, with the
     * value given as written (Spring Boot's own lines say maxReportAge and PT36H), where a check of the whole record
     * (an @AssertTrue getter) was named sanfu.channels.maxReportAgeInWholeDays, value false.
     */
    @Documented
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = MaxReportAgeInWholeDays.Check.class)
    public @interface MaxReportAgeInWholeDays {

        String message() default "sanfu.channels.max-report-age must be whole days, as 30d, not {given}";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        /** Null is left to @NotNull. */
        class Check implements ConstraintValidator<MaxReportAgeInWholeDays, Duration> {

            @Override
            public boolean isValid(Duration duration, ConstraintValidatorContext context) {
                if (duration == null || duration.equals(Duration.ofDays(duration.toDays()))) {
                    return true;
                }
                context.unwrap(HibernateConstraintValidatorContext.class).addMessageParameter("given", given(duration));
                return false;
            }

            /**
             * The value as the setting is written, in the largest unit that holds it whole (36h, not PT36H). In seconds
             * and the nanoseconds beside them: toNanos() overflows (ArithmeticException, no refusal naming the setting)
             * above some 106 751 days, which a typo can give.
             */
            private static String given(Duration duration) {
                for (ChronoUnit unit : List.of(ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS)) {
                    if (duration.getNano() == 0 && duration.toSeconds() % unit.getDuration().toSeconds() == 0) {
                        return DurationStyle.SIMPLE.print(duration, unit);
                    }
                }
                return DurationStyle.SIMPLE.print(duration, ChronoUnit.MILLIS);
            }
        }
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
