package org.sanfu.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

class VerifiedCredentialsUnitTests {

    private final AtomicInteger checks = new AtomicInteger();
    /** Holds every password check until opened, so that other requests arrive while one is running. */
    private volatile CountDownLatch checkGate = new CountDownLatch(0);

    /** Stands in for BCrypt, counting the checks: the "hash" of a password is "hash:" and the password. */
    private final PasswordEncoder passwords = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return "hash:" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            try {
                checkGate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return encode(raw).equals(encoded);
        }
    };

    /** The accounts as stored now; a test changes them as an administrator would. */
    private final Map<String, UserDetails> accounts = new ConcurrentHashMap<>(Map.of(
            "leader", account("leader", "demo", "LEADER", true),
            "admin", account("admin", "demo", "ADMIN", true)));

    private final UserDetailsService users = name -> Optional.ofNullable(accounts.get(name))
            .orElseThrow(() -> new UsernameNotFoundException(name));

    private final VerifiedCredentials cache = new VerifiedCredentials(dao(), users);

    private DaoAuthenticationProvider dao() {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(passwords);
        return dao;
    }

    private UserDetails account(String name, String password, String role, boolean enabled) {
        return User.withUsername(name).password(passwords.encode(password)).roles(role).disabled(!enabled).build();
    }

    private static Authentication basic(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    @Test
    void aVerifiedPasswordIsNotCheckedAgainWhileRemembered() {
        Authentication first = cache.authenticate(basic("leader", "demo"));
        Authentication second = cache.authenticate(basic("leader", "demo"));
        assertThat(first.getName()).isEqualTo("leader");
        assertThat(second.getName()).isEqualTo("leader");
        assertThat(second.isAuthenticated()).isTrue();
        assertThat(second.getCredentials()).as("no password kept").isNull();
        assertThat(checks).hasValue(1);
    }

    @Test
    void aWrongPasswordIsAlwaysCheckedAndNeverRemembered() {
        cache.authenticate(basic("leader", "demo"));
        assertThatThrownBy(() -> cache.authenticate(basic("leader", "guess"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> cache.authenticate(basic("leader", "guess"))).isInstanceOf(BadCredentialsException.class);
        assertThat(checks).hasValue(3);
    }

    @Test
    void oneUsersRememberedPasswordDoesNotSignInAnother() {
        cache.authenticate(basic("leader", "demo"));
        Authentication other = cache.authenticate(basic("admin", "demo"));
        assertThat(other.getName()).isEqualTo("admin");
        assertThat(checks).hasValue(2);
    }

    @Test
    void aDisabledAccountIsRefusedThoughItsPasswordIsRemembered() {
        cache.authenticate(basic("leader", "demo"));
        accounts.put("leader", account("leader", "demo", "LEADER", false));
        assertThatThrownBy(() -> cache.authenticate(basic("leader", "demo"))).isInstanceOf(DisabledException.class);
        accounts.put("leader", account("leader", "demo", "LEADER", true));
        assertThat(cache.authenticate(basic("leader", "demo")).getName()).as("enabled again").isEqualTo("leader");
    }

    @Test
    void aNewPasswordEndsTheRememberedOldOneAtOnce() {
        cache.authenticate(basic("leader", "demo"));
        accounts.put("leader", account("leader", "new-password", "LEADER", true));
        assertThatThrownBy(() -> cache.authenticate(basic("leader", "demo"))).isInstanceOf(BadCredentialsException.class);
        assertThat(cache.authenticate(basic("leader", "new-password")).getName()).isEqualTo("leader");
    }

    @Test
    void aRememberedPasswordSignsInTheAccountAsItIsNow() {
        cache.authenticate(basic("leader", "demo"));
        accounts.put("leader", account("leader", "demo", "STAFF", true));
        Authentication again = cache.authenticate(basic("leader", "demo"));
        assertThat(again.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_STAFF");
        assertThat(checks).as("the password was not checked again").hasValue(1);
    }

    @Test
    void aRemovedAccountIsRefused() {
        cache.authenticate(basic("leader", "demo"));
        accounts.remove("leader");
        assertThatThrownBy(() -> cache.authenticate(basic("leader", "demo"))).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void requestsArrivingDuringTheFirstCheckOfAPasswordWaitForItInsteadOfCheckingToo() throws Exception {
        List<Future<Authentication>> answers = concurrently(basic("leader", "demo"), 8);
        for (Future<Authentication> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS).getName()).isEqualTo("leader");
        }
        assertThat(checks).as("one BCrypt check for eight requests").hasValue(1);
    }

    @Test
    void requestsWaitingForAFailedCheckAreEachCheckedAndRefused() throws Exception {
        List<Future<Authentication>> answers = concurrently(basic("leader", "guess"), 4);
        for (Future<Authentication> answer : answers) {
            assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(BadCredentialsException.class);
        }
        assertThat(checks).as("nothing remembered from a failed check").hasValue(4);
    }

    /**
     * The same credentials from {@code requests} threads: the first one's check is held until the
     * others are waiting for it (a cache without waiting would have them check too, and never wait).
     */
    private List<Future<Authentication>> concurrently(Authentication credentials, int requests) throws Exception {
        checkGate = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(requests);
        try {
            List<Future<Authentication>> answers = new ArrayList<>();
            answers.add(threads.submit(() -> cache.authenticate(credentials)));
            awaitUntil(() -> checks.get() == 1);
            for (int i = 1; i < requests; i++) {
                answers.add(threads.submit(() -> cache.authenticate(credentials)));
            }
            awaitUntil(() -> cache.waiting.get() == requests - 1);
            assertThat(checks).as("no second check while the first runs").hasValue(1);
            checkGate.countDown();
            for (Future<Authentication> answer : answers) {
                try {
                    answer.get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException refused) {
                    // asserted by the caller
                }
            }
            return answers;
        } finally {
            checkGate.countDown();
            threads.shutdownNow();
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited 10 s for the requests to line up").isNegative();
            Thread.sleep(5);
        }
    }
}
