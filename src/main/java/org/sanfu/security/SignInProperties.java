package org.sanfu.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sanfu.sign-in.*}: how many failed sign-ins lock an account from a client address, a client address, or an
 * account from everywhere, and for how long (security.SignInAttempts). The defaults are in config/application.yml.
 *
 * @param maxFailures failures of one account from one client address within {@code window} that lock it from that
 *     address for {@code window}
 * @param maxFailuresPerAddress failures from one address (an IPv6 address's /64), whatever the accounts, that lock
 *     the address
 * @param maxFailuresPerAccount failures of one account, whatever the addresses, that lock it from everywhere: the
 *     guard against guessing from many addresses, far above what its owner mistypes
 * @param window how far back failures count, and how long a lock lasts
 * @param maxTracked how many accounts and how many addresses are followed at most (the memory bound), and how many
 *     familiar (account, client address) pairs are remembered
 * @param familiarFor how long a client address the account's owner signed in from stays familiar to the account: the
 *     lock from everywhere does not hold there, only the account's own limit from it (0 turns it off)
 */
@ConfigurationProperties("sanfu.sign-in")
@Validated
public record SignInProperties(
        @DefaultValue("5") @Min(1) int maxFailures,
        @DefaultValue("20") @Min(1) int maxFailuresPerAddress,
        @DefaultValue("20") @Min(1) int maxFailuresPerAccount,
        @DefaultValue("15m") @NotNull @DurationMin(seconds = 1) Duration window,
        @DefaultValue("100000") @Min(100) int maxTracked,
        @DefaultValue("30d") @NotNull @DurationMin(seconds = 0) Duration familiarFor) {
}
