package org.sanfu.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sanfu.sign-in.*}: how many failed sign-ins lock an account or a client address, and for how
 * long (security.SignInAttempts). The defaults are in config/application.yml.
 *
 * @param maxFailures failures of one account within {@code window} that lock it for {@code window}
 * @param maxFailuresPerAddress failures from one address, whatever the accounts, that lock the address
 * @param window how far back failures count, and how long a lock lasts
 * @param maxTracked how many accounts and how many addresses are followed at most (the memory bound)
 */
@ConfigurationProperties("sanfu.sign-in")
@Validated
public record SignInProperties(
        @DefaultValue("5") @Min(1) int maxFailures,
        @DefaultValue("20") @Min(1) int maxFailuresPerAddress,
        @DefaultValue("15m") @NotNull @DurationMin(seconds = 1) Duration window,
        @DefaultValue("100000") @Min(100) int maxTracked) {
}
