package org.sanfu.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins, counted per account and per client address. Once an account (or an address) has
 * failed {@code sanfu.sign-in.max-failures} times ({@code max-failures-per-address} for an address)
 * within the window, it is locked for the window: every sign-in of it is refused before its password
 * is checked, the right password included. Refusing first is what keeps the service fast for everyone
 * else: a BCrypt check costs tens of milliseconds of a core, and a guesser's lock costs none.
 * <p>
 * An address counts the failures of every account it tries (one address spraying many user names);
 * its limit is higher than an account's because an office behind one NAT address is many people. A
 * success forgets the account's failures, not the address's: a guesser holding one good account must
 * not clear its own record. Unknown user names count like real ones, so a lock tells nothing about
 * which accounts exist.
 * <p>
 * Both maps are bounded ({@code max-tracked} entries each, Caffeine's size eviction) and forget an
 * entry a window after its last change, so a guesser cycling through millions of names or addresses
 * cannot grow them. Lock times come from the service's Clock (tests move it). The counts live in this
 * node's memory: a cluster of n nodes lets a guesser n times the limit, and a restart forgets them.
 */
@Component
public class SignInAttempts {

    private static final Logger log = LoggerFactory.getLogger(SignInAttempts.class);
    /** Longer names than an account may have (AccountAdministration) are kept as their start: the key stays small. */
    private static final int MAX_KEY_LENGTH = 64;

    /** Failures since {@code since}; {@code lockedUntil} null while not locked. */
    private record Failures(Instant since, int count, Instant lockedUntil) {}

    private final SignInProperties settings;
    private final Clock clock;
    private final Cache<String, Failures> accounts;
    private final Cache<String, Failures> addresses;
    private final Counter accountFailures;
    private final Counter accountLockouts;
    private final Counter addressLockouts;

    SignInAttempts(SignInProperties settings, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.clock = clock;
        this.accounts = bounded(settings);
        this.addresses = bounded(settings);
        this.accountFailures = Counter.builder("sanfu.signin.failures")
                .description("Sign-ins refused for a wrong password, an unknown user or a disabled account")
                .register(meters);
        this.accountLockouts = lockouts(meters, "account");
        this.addressLockouts = lockouts(meters, "address");
    }

    private static Cache<String, Failures> bounded(SignInProperties settings) {
        return Caffeine.newBuilder().maximumSize(settings.maxTracked()).expireAfterWrite(settings.window()).build();
    }

    private static Counter lockouts(MeterRegistry meters, String of) {
        return Counter.builder("sanfu.signin.lockouts").tag("of", of)
                .description("Accounts or client addresses locked after too many failed sign-ins").register(meters);
    }

    /** How long sign-ins of this account, or from this address (null: unknown), stay refused; empty when they do not. */
    Optional<Duration> lockedFor(String account, String address) {
        Instant now = clock.instant();
        Instant until = later(lockedUntil(accounts, key(account), now),
                address == null ? null : lockedUntil(addresses, address, now));
        return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
    }

    /** Until when this account is locked, or empty (for the administrators' page). */
    public Optional<Instant> lockedUntil(String account) {
        return Optional.ofNullable(lockedUntil(accounts, key(account), clock.instant()));
    }

    /** A sign-in refused for its credentials: counts for the account and the address, and may lock either. */
    void failed(String account, String address) {
        accountFailures.increment();
        String name = key(account);
        if (count(accounts, name, settings.maxFailures())) {
            accountLockouts.increment();
            log.warn("Sign-in locked for account '{}' for {} after {} failures, the last from {}", printable(name),
                    settings.window(), settings.maxFailures(), address);
        }
        if (address != null && count(addresses, address, settings.maxFailuresPerAddress())) {
            addressLockouts.increment();
            log.warn("Sign-in locked for address {} for {} after {} failures, the last for account '{}'", address,
                    settings.window(), settings.maxFailuresPerAddress(), printable(name));
        }
    }

    /** A sign-in that passed: the account's failures are forgiven (the address's are not, see above). */
    void succeeded(String account) {
        accounts.invalidate(key(account));
    }

    /** An administrator lifts an account's lock and forgets its failures. */
    void unlock(String account) {
        accounts.invalidate(key(account));
    }

    /** Counts a failure; true exactly when it is the one that locks (so a lock is logged and counted once). */
    private boolean count(Cache<String, Failures> failures, String key, int limit) {
        Instant now = clock.instant();
        boolean[] locked = {false};
        failures.asMap().compute(key, (k, before) -> {
            if (before != null && before.lockedUntil() != null && now.isBefore(before.lockedUntil())) {
                return before; // refused before any check; only a request already past the check lands here
            }
            boolean fresh = before == null || before.lockedUntil() != null
                    || !now.isBefore(before.since().plus(settings.window()));
            Failures after = fresh ? new Failures(now, 1, null) : new Failures(before.since(), before.count() + 1, null);
            if (after.count() >= limit) {
                locked[0] = true;
                return new Failures(after.since(), after.count(), now.plus(settings.window()));
            }
            return after;
        });
        return locked[0];
    }

    private static Instant lockedUntil(Cache<String, Failures> failures, String key, Instant now) {
        Failures entry = failures.getIfPresent(key);
        return entry != null && entry.lockedUntil() != null && now.isBefore(entry.lockedUntil())
                ? entry.lockedUntil() : null;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /** A user name is whatever a guesser sent: no line breaks or other controls reach the log. */
    private static String printable(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
    }

    private static String key(String account) {
        String name = account == null ? "" : account;
        return name.length() > MAX_KEY_LENGTH ? name.substring(0, MAX_KEY_LENGTH) + "…" : name;
    }
}
