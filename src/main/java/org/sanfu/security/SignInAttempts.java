package org.sanfu.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins, counted per account from each client, per client, and per account from everywhere. Once an
 * account has failed {@code sanfu.sign-in.max-failures} times from one client within the window, it is locked for
 * the window from that client only; a client failing {@code max-failures-per-address} times, whatever the accounts,
 * is locked for every account; an account failing {@code max-failures-per-account} times, whatever the clients, is
 * locked from everywhere. A locked sign-in is refused before its password is checked, the right password included.
 * Refusing first is what keeps the service fast for everyone else: a BCrypt check costs tens of milliseconds of a
 * core, and a guesser's lock costs none.
 * <p>
 * Why per client: counted per account alone, five wrong passwords from anywhere locked the account for its owner
 * too, so anyone could keep {@code admin} out. Now a guesser locks itself; only guessing from many clients at once
 * (more than {@code max-failures-per-account}, far above an owner's typing) locks the account everywhere, the guard
 * that keeps such guessing slow. A client is an IPv4 address, or an IPv6 address's /64: one subscriber is given a
 * whole /64, so counting its addresses one by one gave a guesser no limit at all.
 * <p>
 * A client where the account's owner signed in within {@code familiar-for} (30 days) is familiar: the lock from
 * everywhere does not hold there, only the account's own limit from that client and the client's. So nobody can lock
 * an owner out of the desk they use, and the guard from everywhere can be strict. Familiar clients are remembered in
 * this node's memory like the counts (bounded by {@code max-tracked}): a restart, or another node, has none, and then
 * the lock from everywhere holds for the owner too until it ends or an administrator lifts it.
 * <p>
 * A client counts the failures of every account it tries (one address spraying many user names); its limit is
 * higher than an account's from it because an office behind one NAT address is many people. A success forgets the
 * account's failures from that client (the owner's own typing), not the client's, nor the account's from
 * everywhere: a guesser holding one good account must not clear its own record, and the owner signing in must not
 * clear the record of guessing from elsewhere. Unknown user names count like real ones, so a lock tells nothing
 * about which accounts exist.
 * <p>
 * Both maps are bounded ({@code max-tracked} entries each, Caffeine's size eviction) and forget an entry a window
 * after its last change, so a guesser cycling through millions of names or addresses cannot grow them; an
 * account's clients are as many as failed within about two windows, which its limit from everywhere bounds: while it
 * is locked from everywhere no new client is added, but a familiar one. Lock
 * times come from the service's Clock (tests move it). The counts live in this node's memory: a cluster of n nodes
 * lets a guesser n times the limit, and a restart forgets them.
 */
@Component
public class SignInAttempts {

    private static final Logger log = LoggerFactory.getLogger(SignInAttempts.class);
    /** Longer names than an account may have (AccountAdministration) are kept as their start: the key stays small. */
    private static final int MAX_KEY_LENGTH = 64;
    /**
     * A colon, hex digits and dots only, the first a digit or the colon (and a zone): InetAddress reads it as a
     * literal or refuses it, never asking the DNS.
     */
    private static final Pattern IPV6_LITERAL = Pattern.compile("(?=[^%]*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*(%[\\w.-]*)?");
    /**
     * An address with the client's port, as some proxies put it in X-Forwarded-For ({@code 203.0.113.5:54321},
     * {@code [2001:db8::1]:443}): the port is dropped, or each new connection of one client would be a new client.
     */
    private static final Pattern WITH_PORT = Pattern.compile(
            "(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}|\\[([^\\]]*)](?::\\d{1,5})?");
    /** The client of a sign-in whose address is not known (not through the web). */
    private static final String UNKNOWN_CLIENT = "";

    /** Failures since {@code since}; {@code lockedUntil} null while not locked. */
    private record Failures(Instant since, int count, Instant lockedUntil) {

        /** The lock's end, or null when not locked at {@code now}. */
        static Instant lockEnd(Failures failures, Instant now) {
            return failures != null && failures.lockedUntil() != null && now.isBefore(failures.lockedUntil())
                    ? failures.lockedUntil() : null;
        }

        /**
         * {@code before} (null: none) with one failure more; {@code before} itself while it is locked (refused before
         * any check: only a request already past the check lands here), so a new lock is a new record with an end.
         */
        static Failures plusOne(Failures before, Instant now, int limit, Duration window) {
            if (lockEnd(before, now) != null) {
                return before;
            }
            boolean fresh = before == null || before.lockedUntil() != null || !now.isBefore(before.since().plus(window));
            Failures after = fresh ? new Failures(now, 1, null) : new Failures(before.since(), before.count() + 1, null);
            return after.count() >= limit ? new Failures(after.since(), after.count(), now.plus(window)) : after;
        }

        static boolean locks(Failures before, Failures after) {
            return after != before && after.lockedUntil() != null;
        }

        /** Neither counting any longer nor locked: forgotten. */
        boolean stale(Instant now, Duration window) {
            return lockEnd(this, now) == null && !now.isBefore(since.plus(window));
        }
    }

    /** One account's failures from everywhere (null: none in the window) and from each client. */
    private record AccountFailures(Failures everywhere, Map<String, Failures> byClient) {}

    /** A client the account's owner signed in from. */
    private record Familiar(String account, String client) {}

    private final SignInProperties settings;
    private final Clock clock;
    private final Cache<String, AccountFailures> accounts;
    private final Cache<String, Failures> addresses;
    /** When the owner last signed in from each client (the Clock's time; Caffeine's expiry only frees the memory). */
    private final Cache<Familiar, Instant> familiar;
    private final Counter accountFailures;
    private final Counter accountLockouts;
    private final Counter accountFromAddressLockouts;
    private final Counter addressLockouts;

    SignInAttempts(SignInProperties settings, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.clock = clock;
        this.accounts = Caffeine.newBuilder().maximumSize(settings.maxTracked()).expireAfterWrite(settings.window())
                .build();
        this.addresses = Caffeine.newBuilder().maximumSize(settings.maxTracked()).expireAfterWrite(settings.window())
                .build();
        this.familiar = Caffeine.newBuilder().maximumSize(settings.maxTracked())
                .expireAfterWrite(settings.familiarFor()).build();
        this.accountFailures = Counter.builder("sanfu.signin.failures")
                .description("Sign-ins refused for a wrong password, an unknown user or a disabled account")
                .register(meters);
        this.accountLockouts = lockouts(meters, "account");
        this.accountFromAddressLockouts = lockouts(meters, "account-address");
        this.addressLockouts = lockouts(meters, "address");
    }

    private static Counter lockouts(MeterRegistry meters, String of) {
        return Counter.builder("sanfu.signin.lockouts").tag("of", of)
                .description("Accounts (from everywhere or from one client address) or client addresses locked after"
                        + " too many failed sign-ins").register(meters);
    }

    /** How long sign-ins of this account from this address (null: unknown) stay refused; empty when they do not. */
    Optional<Duration> lockedFor(String account, String address) {
        Instant now = clock.instant();
        String client = client(address);
        AccountFailures failures = accounts.getIfPresent(key(account));
        Instant until = failures == null ? null : later(
                address != null && familiar(key(account), client, now) ? null
                        : Failures.lockEnd(failures.everywhere(), now),
                Failures.lockEnd(failures.byClient().get(client), now));
        if (address != null) {
            until = later(until, Failures.lockEnd(addresses.getIfPresent(client), now));
        }
        return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
    }

    /**
     * Until when this account is locked from everywhere, or empty: the lock the administrators' page offers to lift
     * (解锁), every unfamiliar client being refused. A lock from some clients only is {@link #lockedAddresses}: its
     * owner signs in elsewhere, and lifting it would hand its guessers fresh guesses.
     */
    public Optional<Instant> lockedUntil(String account) {
        AccountFailures failures = accounts.getIfPresent(key(account));
        return failures == null ? Optional.empty()
                : Optional.ofNullable(Failures.lockEnd(failures.everywhere(), clock.instant()));
    }

    /** From how many clients this account is locked now (its own limit from each). */
    public int lockedAddresses(String account) {
        Instant now = clock.instant();
        AccountFailures failures = accounts.getIfPresent(key(account));
        return failures == null ? 0 : (int) failures.byClient().values().stream()
                .filter(fromClient -> Failures.lockEnd(fromClient, now) != null).count();
    }

    /** A sign-in refused for its credentials: counts for the account from the client, the account and the client. */
    void failed(String account, String address) {
        accountFailures.increment();
        String name = key(account);
        String client = client(address);
        Instant now = clock.instant();
        Duration window = settings.window();
        boolean[] locked = {false, false};
        accounts.asMap().compute(name, (k, before) -> {
            Failures everywhere = before == null ? null : before.everywhere();
            Map<String, Failures> byClient = current(before, now);
            Failures fromClient = byClient.get(client);
            Failures everywhereAfter = Failures.plusOne(everywhere, now, settings.maxFailuresPerAccount(), window);
            locked[1] = Failures.locks(everywhere, everywhereAfter);
            if (fromClient == null && Failures.lockEnd(everywhere, now) != null && !familiar(name, client, now)) {
                // refused before any check while so locked: only a request already past the check lands here, and a
                // guesser cycling addresses must not grow the entry (its clients are bounded by the limit from
                // everywhere, and by the familiar clients, which only a sign-in that passed adds)
                return new AccountFailures(everywhereAfter, Map.copyOf(byClient));
            }
            Failures fromClientAfter = Failures.plusOne(fromClient, now, settings.maxFailures(), window);
            locked[0] = Failures.locks(fromClient, fromClientAfter);
            byClient.put(client, fromClientAfter);
            return new AccountFailures(everywhereAfter, Map.copyOf(byClient));
        });
        if (locked[0]) {
            accountFromAddressLockouts.increment();
            log.warn("Sign-in locked for account '{}' from address {} for {} after {} failures", printable(name),
                    address, window, settings.maxFailures());
        }
        if (locked[1]) {
            accountLockouts.increment();
            log.warn("Sign-in locked for account '{}' from every address for {} after {} failures, the last from {}",
                    printable(name), window, settings.maxFailuresPerAccount(), address);
        }
        if (address != null) {
            boolean[] addressLocked = {false};
            addresses.asMap().compute(client, (k, before) -> {
                Failures after = Failures.plusOne(before, now, settings.maxFailuresPerAddress(), window);
                addressLocked[0] = Failures.locks(before, after);
                return after;
            });
            if (addressLocked[0]) {
                addressLockouts.increment();
                log.warn("Sign-in locked for address {} for {} after {} failures, the last for account '{}'", client,
                        window, settings.maxFailuresPerAddress(), printable(name));
            }
        }
    }

    /**
     * A sign-in that passed: the account's failures from this client are forgiven (not the client's, nor the
     * account's from everywhere, see above), and the client is familiar to the account from now on.
     */
    void succeeded(String account, String address) {
        String client = client(address);
        Instant now = clock.instant();
        if (address != null) {
            familiar.put(new Familiar(key(account), client), now);
        }
        accounts.asMap().computeIfPresent(key(account), (k, before) -> {
            Map<String, Failures> byClient = current(before, now);
            byClient.remove(client);
            Failures everywhere = before.everywhere();
            return byClient.isEmpty() && (everywhere == null || everywhere.stale(now, settings.window())) ? null
                    : new AccountFailures(everywhere, Map.copyOf(byClient));
        });
    }

    /** An administrator lifts every lock of an account, from everywhere and from each client, and forgets its failures. */
    void unlock(String account) {
        accounts.invalidate(key(account));
    }

    /** The account's owner signed in from this client within {@code familiar-for}. */
    private boolean familiar(String account, String client, Instant now) {
        Instant last = familiar.getIfPresent(new Familiar(account, client));
        return last != null && now.isBefore(last.plus(settings.familiarFor()));
    }

    /** The account's failures from each client that still count or lock, as a map to change. */
    private Map<String, Failures> current(AccountFailures failures, Instant now) {
        Map<String, Failures> byClient = new HashMap<>();
        if (failures != null) {
            failures.byClient().forEach((client, fromClient) -> {
                if (!fromClient.stale(now, settings.window())) {
                    byClient.put(client, fromClient);
                }
            });
        }
        return byClient;
    }

    /**
     * Whose failures an address's are: an IPv4 address its own, an IPv6 address its /64 (as {@code 2001:db8:0:7::/64}),
     * an IPv4-mapped IPv6 address its IPv4 address, each without a port; anything else (a name behind a proxy's
     * header) as it is.
     */
    static String client(String given) {
        if (given == null) {
            return UNKNOWN_CLIENT;
        }
        Matcher withPort = WITH_PORT.matcher(given);
        String address = !withPort.matches() ? given
                : withPort.group(1) != null ? withPort.group(1) : withPort.group(2);
        if (IPV6_LITERAL.matcher(address).matches()) {
            try {
                InetAddress parsed = InetAddress.getByName(address.replaceFirst("%.*", ""));
                byte[] bytes = parsed.getAddress();
                if (bytes.length == 4) {
                    return parsed.getHostAddress();
                }
                return String.format("%x:%x:%x:%x::/64", group(bytes, 0), group(bytes, 2), group(bytes, 4),
                        group(bytes, 6));
            } catch (UnknownHostException | IllegalArgumentException notAnAddress) {
                return key(address);
            }
        }
        return key(address);
    }

    private static int group(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 8 | (bytes[at + 1] & 0xff);
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
