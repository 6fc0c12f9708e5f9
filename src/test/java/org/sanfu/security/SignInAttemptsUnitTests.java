package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sanfu.MovingClock;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The lock of too many failed sign-ins, on its own (SignInAttempts) and in front of the real password
 * checks (SecurityConfig.signInChecks: the cache of verified credentials and Spring's DaoAuthenticationProvider
 * with BCrypt, counted).
 */
class SignInAttemptsUnitTests {

    private static final SignInProperties SETTINGS = new SignInProperties(5, 8, 12, Duration.ofMinutes(15), 1000,
            Duration.ofDays(30));

    private final MovingClock clock = new MovingClock(Instant.parse("2026-03-02T02:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SignInAttempts attempts = new SignInAttempts(SETTINGS, clock, meters);

    // --- the policy ---

    @Test
    void theFifthFailureFromOneAddressLocksTheAccountFromThereForTheWindowThenItSignsInAgain() {
        for (int i = 0; i < 4; i++) {
            attempts.failed("staff2", "10.0.0.4");
            assertThat(attempts.lockedFor("staff2", "10.0.0.4")).isEmpty();
        }
        attempts.failed("staff2", "10.0.0.4");
        assertThat(attempts.lockedFor("staff2", "10.0.0.4")).contains(Duration.ofMinutes(15));
        assertThat(attempts.lockedAddresses("staff2")).as("the administrators see it").isEqualTo(1);
        assertThat(attempts.lockedUntil("staff2")).as("not locked from everywhere").isEmpty();
        assertThat(attempts.lockedFor("staff2", "10.0.0.99")).as("its owner, elsewhere").isEmpty();
        assertThat(attempts.lockedFor("staff1", "10.0.0.4")).as("another account").isEmpty();

        clock.pass(Duration.ofMinutes(10));
        assertThat(attempts.lockedFor("staff2", "10.0.0.4")).contains(Duration.ofMinutes(5));
        clock.pass(Duration.ofMinutes(5));
        assertThat(attempts.lockedFor("staff2", "10.0.0.4")).isEmpty();
        assertThat(attempts.lockedAddresses("staff2")).isZero();

        // a new window: one failure after the lock does not lock again
        attempts.failed("staff2", "10.0.0.4");
        assertThat(attempts.lockedFor("staff2", "10.0.0.4")).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        for (int i = 0; i < 4; i++) {
            attempts.failed("staff2", null);
        }
        clock.pass(Duration.ofMinutes(16));
        attempts.failed("staff2", null);
        assertThat(attempts.lockedFor("staff2", null)).isEmpty();
    }

    @Test
    void aSuccessForgivesTheAccountsFailuresFromThereButNotTheAddresssNorTheAccountsFromEverywhere() {
        for (int i = 0; i < 4; i++) {
            attempts.failed("staff2", "10.1.1.1");
        }
        attempts.succeeded("staff2", "10.1.1.1");
        attempts.failed("staff2", "10.1.1.1");
        assertThat(attempts.lockedFor("staff2", "10.1.1.1")).isEmpty();
        // the address has 5 failures of its limit of 8
        for (int i = 0; i < 3; i++) {
            attempts.failed("name" + i, "10.1.1.1");
        }
        assertThat(attempts.lockedFor("anyone", "10.1.1.1")).contains(Duration.ofMinutes(15));
        assertThat(attempts.lockedFor("anyone", "10.2.2.2")).as("another address").isEmpty();
        // staff2 has 5 failures from everywhere of its 12: its owner signing in forgets none of them
        attempts.succeeded("staff2", "10.3.3.3");
        for (int i = 0; i < 7; i++) {
            attempts.failed("staff2", "10.4.4." + i);
        }
        assertThat(attempts.lockedFor("staff2", "10.3.3.4")).contains(Duration.ofMinutes(15));
        assertThat(attempts.lockedFor("staff2", "10.3.3.3")).as("where its owner signed in").isEmpty();
    }

    @Test
    void anAddressTryingManyAccountsIsLockedForAllOfThem() {
        for (int i = 0; i < 8; i++) {
            attempts.failed("guess" + i, "192.0.2.7");
        }
        assertThat(attempts.lockedFor("leader", "192.0.2.7")).isPresent();
        assertThat(attempts.lockedFor("leader", "192.0.2.8")).isEmpty();
        assertThat(attempts.lockedAddresses("guess0")).as("no account reached its own limit").isZero();
    }

    /** One subscriber holds a whole /64: its addresses are one client, for an account's lock and the address's. */
    @Test
    void anIpv6AddressIsCountedByItsSlash64() {
        for (int i = 0; i < 5; i++) {
            attempts.failed("admin", "2001:db8:7:8:" + Integer.toHexString(i + 1) + "::" + (i + 9));
        }
        assertThat(attempts.lockedFor("admin", "2001:db8:7:8:ffff:ffff:ffff:ffff")).as("the same /64").isPresent();
        assertThat(attempts.lockedFor("admin", "2001:db8:7:9::1")).as("the next /64").isEmpty();
        for (int i = 0; i < 3; i++) {
            attempts.failed("name" + i, "2001:db8:7:8:0:0:0:" + (100 + i));
        }
        assertThat(attempts.lockedFor("leader", "2001:0db8:0007:0008::abcd")).as("8 failures from the /64").isPresent();
        assertThat(attempts.lockedFor("leader", "2001:db8:7:9::1")).isEmpty();

        assertThat(SignInAttempts.client("2001:db8:7:8:1:2:3:4")).isEqualTo("2001:db8:7:8::/64");
        assertThat(SignInAttempts.client("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
        assertThat(SignInAttempts.client("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
        assertThat(SignInAttempts.client("::ffff:192.0.2.7")).as("IPv4-mapped: its IPv4 address").isEqualTo("192.0.2.7");
        assertThat(SignInAttempts.client("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(SignInAttempts.client("1:2:3")).as("no address: as it is").isEqualTo("1:2:3");
        assertThat(SignInAttempts.client("proxy.example")).isEqualTo("proxy.example");
    }

    /** Guessing from many addresses at once, each below its limit, locks the account from everywhere. */
    @Test
    void anAccountFailingFromManyAddressesIsLockedFromEverywhere() {
        for (int i = 0; i < 11; i++) {
            attempts.failed("admin", "203.0.113." + i);
        }
        assertThat(attempts.lockedFor("admin", "198.51.100.1")).isEmpty();
        attempts.failed("admin", "203.0.113.11");
        assertThat(attempts.lockedFor("admin", "198.51.100.1")).contains(Duration.ofMinutes(15));
        assertThat(attempts.lockedFor("admin", null)).contains(Duration.ofMinutes(15));
        assertThat(attempts.lockedUntil("admin")).contains(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(attempts.lockedAddresses("admin")).as("no client reached its own limit").isZero();
        assertThat(meters.get("sanfu.signin.lockouts").tag("of", "account").counter().count()).isEqualTo(1);
        assertThat(meters.get("sanfu.signin.lockouts").tag("of", "account-address").counter().count()).isZero();
        clock.pass(Duration.ofMinutes(15));
        assertThat(attempts.lockedFor("admin", "198.51.100.1")).isEmpty();
    }

    /**
     * The owner signed in at their desk within familiar-for: guessing from many clients locks the account for every
     * other client, not there, where only the account's own limit from that client holds.
     */
    @Test
    void theLockFromEverywhereDoesNotHoldWhereTheOwnerSignedInWithinFamiliarFor() {
        attempts.succeeded("admin", "10.8.0.1");
        clock.pass(Duration.ofDays(29));
        guessFromFourClients(attempts, "admin");
        assertThat(attempts.lockedFor("admin", "198.51.100.1")).as("a new client").contains(Duration.ofMinutes(15));
        assertThat(attempts.lockedFor("admin", null)).as("an unknown client").isPresent();
        assertThat(attempts.lockedFor("admin", "10.8.0.1")).as("the owner's desk").isEmpty();
        assertThat(attempts.lockedFor("leader", "10.8.0.1")).as("familiar to admin only").isEmpty();

        for (int i = 0; i < 5; i++) {
            attempts.failed("admin", "10.8.0.1");
        }
        assertThat(attempts.lockedFor("admin", "10.8.0.1")).as("its own limit there holds").isPresent();
    }

    @Test
    void aClientIsFamiliarForFamiliarForOnly() {
        attempts.succeeded("admin", "10.8.0.2");
        clock.pass(Duration.ofDays(30));
        guessFromFourClients(attempts, "admin");
        assertThat(attempts.lockedFor("admin", "10.8.0.2")).as("30 days since").isPresent();

        SignInAttempts off = new SignInAttempts(new SignInProperties(5, 8, 12, Duration.ofMinutes(15), 1000,
                Duration.ZERO), clock, new SimpleMeterRegistry());
        off.succeeded("admin", "10.8.0.2");
        guessFromFourClients(off, "admin");
        assertThat(off.lockedFor("admin", "10.8.0.2")).as("familiar-for 0: off").isPresent();
    }

    /** 12 failures of the account, its limit from everywhere, 3 from each of 4 clients: none reaches its own limit. */
    private static void guessFromFourClients(SignInAttempts attempts, String account) {
        for (int i = 0; i < 12; i++) {
            attempts.failed(account, "203.0.113." + i % 4);
        }
    }

    @Test
    void anAdministratorLiftsEveryLockOfAnAccountAtOnce() {
        for (int i = 0; i < 5; i++) {
            attempts.failed("staff2", null);
            attempts.failed("staff2", "10.5.5.5");
        }
        assertThat(attempts.lockedFor("staff2", null)).isPresent();
        assertThat(attempts.lockedFor("staff2", "10.5.5.5")).isPresent();
        attempts.unlock("staff2");
        assertThat(attempts.lockedFor("staff2", null)).isEmpty();
        assertThat(attempts.lockedFor("staff2", "10.5.5.5")).isEmpty();
        assertThat(attempts.lockedAddresses("staff2")).isZero();
        attempts.failed("staff2", null);
        assertThat(attempts.lockedFor("staff2", null)).as("its failures were forgotten too").isEmpty();

        for (int i = 0; i < 12; i++) {
            attempts.failed("leader", "10.6.6." + i);
        }
        assertThat(attempts.lockedFor("leader", "10.7.7.7")).as("from everywhere").isPresent();
        attempts.unlock("leader");
        assertThat(attempts.lockedFor("leader", "10.7.7.7")).isEmpty();
        attempts.failed("leader", "10.6.6.1");
        assertThat(attempts.lockedFor("leader", "10.7.7.7")).as("its count from everywhere forgotten").isEmpty();
    }

    @Test
    void failuresAndEachLockoutAreCountedOnceInTheMetrics() {
        for (int i = 0; i < 5; i++) {
            attempts.failed("staff2", "198.51.100.1");
        }
        // a request already past the check when the lock fell fails too: counted, but not a second lockout
        attempts.failed("staff2", "198.51.100.1");
        for (int i = 0; i < 2; i++) {
            attempts.failed("other", "198.51.100.1");
        }
        assertThat(meters.get("sanfu.signin.failures").counter().count()).isEqualTo(8);
        assertThat(meters.get("sanfu.signin.lockouts").tag("of", "account-address").counter().count()).isEqualTo(1);
        assertThat(meters.get("sanfu.signin.lockouts").tag("of", "account").counter().count()).isZero();
        assertThat(meters.get("sanfu.signin.lockouts").tag("of", "address").counter().count()).isEqualTo(1);
    }

    @Test
    void aGuesserCyclingThroughNamesAndAddressesCannotGrowTheMemory() {
        SignInAttempts small = new SignInAttempts(new SignInProperties(5, 8, 12, Duration.ofMinutes(15), 100,
                Duration.ofDays(30)), clock,
                new SimpleMeterRegistry());
        for (int i = 0; i < 20_000; i++) {
            small.failed("name-" + i + "x".repeat(2_000), "2001:db8::" + Integer.toHexString(i));
        }
        assertThat(tracked(small, "accounts")).isLessThanOrEqualTo(100);
        assertThat(tracked(small, "addresses")).isLessThanOrEqualTo(100);
    }

    /**
     * One account guessed from 10,000 addresses in one window (each guess already past the check when the lock fell):
     * once it is locked from everywhere no new address is added to its entry, which stays the size of its limit,
     * and it stays locked; a familiar client's failures still count towards its own limit there.
     */
    @Test
    void oneAccountFailingFromTenThousandAddressesStaysBoundedAndLocked() {
        attempts.succeeded("admin", "10.8.0.3");
        for (int i = 0; i < 10_000; i++) {
            attempts.failed("admin", "198.18." + i / 256 + "." + i % 256);
        }
        assertThat(clientsOf(attempts, "admin")).isEqualTo(SETTINGS.maxFailuresPerAccount());
        assertThat(attempts.lockedFor("admin", "198.51.100.1")).isPresent();
        for (int i = 0; i < 5; i++) {
            attempts.failed("admin", "10.8.0.3");
        }
        assertThat(clientsOf(attempts, "admin")).isEqualTo(SETTINGS.maxFailuresPerAccount() + 1);
        assertThat(attempts.lockedFor("admin", "10.8.0.3")).as("the familiar client's own limit").isPresent();
    }

    /** Some proxies send the client's port with its address: each connection of one client is the same client. */
    @ParameterizedTest
    @CsvSource({"203.0.113.5:54321, 203.0.113.5", "[2001:db8::1]:443, 2001:db8:0:0::/64",
            "[2001:db8::1], 2001:db8:0:0::/64", "[::ffff:192.0.2.7]:80, 192.0.2.7"})
    void anAddressWithAPortIsItsClient(String address, String client) {
        assertThat(SignInAttempts.client(address)).isEqualTo(client);
    }

    @Test
    void failuresFromOneAddressWithManyPortsCountAsOneClients() {
        for (int i = 0; i < 5; i++) {
            attempts.failed("staff2", "203.0.113.5:" + (50000 + i));
        }
        assertThat(attempts.lockedFor("staff2", "203.0.113.5")).isPresent();
        assertThat(attempts.lockedFor("staff2", "203.0.113.5:60000")).isPresent();
        assertThat(attempts.lockedFor("staff2", "203.0.113.6:50000")).isEmpty();
    }

    @Test
    void aLockLastsAWholeSecondAtLeastInRetryAfter() {
        assertThat(new SignInLocked(Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new SignInLocked(Duration.ofSeconds(90)).retryAfterSeconds()).isEqualTo(90);
        assertThat(new SignInLocked(Duration.ofSeconds(90).plusMillis(1)).retryAfterSeconds()).isEqualTo(91);
        assertThat(new SignInLocked(Duration.ofSeconds(90)).minutes()).isEqualTo(2);
    }

    /** How many clients the account's entry holds failures of. */
    private static int clientsOf(SignInAttempts attempts, String account) {
        try {
            var map = SignInAttempts.class.getDeclaredField("accounts");
            map.setAccessible(true);
            @SuppressWarnings("unchecked")
            var cache = (com.github.benmanes.caffeine.cache.Cache<String, ?>) map.get(attempts);
            Object failures = cache.getIfPresent(account);
            var byClient = failures.getClass().getDeclaredMethod("byClient");
            byClient.setAccessible(true);
            return ((Map<?, ?>) byClient.invoke(failures)).size();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long tracked(SignInAttempts attempts, String field) {
        try {
            var map = SignInAttempts.class.getDeclaredField(field);
            map.setAccessible(true);
            var cache = (com.github.benmanes.caffeine.cache.Cache<?, ?>) map.get(attempts);
            cache.cleanUp();
            return cache.estimatedSize();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- in front of the password checks ---

    /** BCrypt at its cheapest strength, counting how often a password is hashed and compared. */
    private static final class CountedBCrypt implements PasswordEncoder {
        final AtomicInteger hashings = new AtomicInteger();
        private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);

        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            hashings.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    }

    private final CountedBCrypt bcrypt = new CountedBCrypt();
    /** The stored hashes; each sign-in reads the account anew, as from the database (ProviderManager erases what it returns). */
    private final Map<String, String> stored = Map.of("staff2", bcrypt.encode("demo"), "leader", bcrypt.encode("demo"));
    private final UserDetailsService users = name -> Optional.ofNullable(stored.get(name))
            .map(hash -> User.withUsername(name).password(hash).roles("STAFF").build())
            .orElseThrow(() -> new UsernameNotFoundException(name));
    private final AuthenticationManager checks = SecurityConfig.signInChecks(users, bcrypt, attempts);

    private Authentication signIn(String user, String password, String address) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(user, password);
        token.setDetails(new WebAuthenticationDetails(request));
        return checks.authenticate(token);
    }

    @Test
    void aLockedAccountIsRefusedEvenWithTheRightPasswordAndEvenWhenItWasRemembered() {
        assertThat(signIn("staff2", "demo", "10.9.0.1").isAuthenticated()).isTrue(); // now in the cache
        for (int i = 0; i < 5; i++) {
            String guess = "guess" + i;
            assertThatThrownBy(() -> signIn("staff2", guess, "10.9.0.1")).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> signIn("staff2", "demo", "10.9.0.1")).isInstanceOf(SignInLocked.class);
        clock.pass(Duration.ofMinutes(15));
        assertThat(signIn("staff2", "demo", "10.9.0.1").isAuthenticated()).isTrue();
    }

    /** The audit's case: anyone failing five times for admin locked it for its owner too. */
    @Test
    void aGuesserElsewhereLocksItselfOutNotTheOwner() {
        for (int i = 0; i < 5; i++) {
            String guess = "guess" + i;
            assertThatThrownBy(() -> signIn("staff2", guess, "203.0.113.66")).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> signIn("staff2", "demo", "203.0.113.66")).as("the guesser, even with the password")
                .isInstanceOf(SignInLocked.class);
        assertThat(signIn("staff2", "demo", "10.9.0.1").isAuthenticated()).as("the owner at their desk").isTrue();
    }

    @Test
    void unknownUsersAreCountedAndLockedLikeRealOnes() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> signIn("nobody", "x", "10.9.1.1")).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> signIn("nobody", "x", "10.9.1.1")).isInstanceOf(SignInLocked.class);
    }

    @Test
    void thirtyTwoParallelGuessersAreStoppedWithoutHashingWhileAnotherUserStillSignsIn() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(33);
        try {
            // until the lock falls: at most the limit plus the guesses already past the check at that moment
            runGuessers(pool, 32, 4);
            assertThat(attempts.lockedFor("staff2", null)).isPresent();
            int hashedBeforeLock = bcrypt.hashings.get();
            // from 32 addresses, 4 guesses each: the lock from everywhere
            assertThat(hashedBeforeLock).isLessThanOrEqualTo(SETTINGS.maxFailuresPerAccount() + 32);

            // locked: thousands more guesses, not one of them hashed, every one refused as locked
            List<Future<Integer>> guessers = runGuessers(pool, 32, 100);
            Future<Integer> leader = pool.submit(() -> {
                int signedIn = 0;
                for (int i = 0; i < 20; i++) {
                    if (signIn("leader", "demo", "10.9.2.200").isAuthenticated()) {
                        signedIn++;
                    }
                }
                return signedIn;
            });
            int locked = 0;
            for (Future<Integer> guesser : guessers) {
                locked += guesser.get(1, TimeUnit.MINUTES);
            }
            assertThat(locked).isEqualTo(32 * 100);
            assertThat(leader.get(1, TimeUnit.MINUTES)).isEqualTo(20);
            // the leader's first sign-in was hashed, the others came from the cache; the guessers none
            assertThat(bcrypt.hashings.get() - hashedBeforeLock).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Guessers, each from its own address, each guessing staff2's password; each counts the answers "locked". */
    private List<Future<Integer>> runGuessers(ExecutorService pool, int guessers, int guesses) throws Exception {
        List<Future<Integer>> running = new ArrayList<>();
        for (int g = 0; g < guessers; g++) {
            String address = "10.9.2." + g;
            running.add(pool.submit(() -> {
                int locked = 0;
                for (int i = 0; i < guesses; i++) {
                    try {
                        signIn("staff2", "guess-" + i, address);
                    } catch (SignInLocked refused) {
                        locked++;
                    } catch (AuthenticationException wrong) {
                        // a wrong password, hashed and counted
                    }
                }
                return locked;
            }));
        }
        for (Future<Integer> guesser : running) {
            guesser.get(1, TimeUnit.MINUTES);
        }
        return running;
    }
}
