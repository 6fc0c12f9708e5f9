package org.sanfu.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * HTTP Basic sends the password with every request, and checking a BCrypt hash costs tens of
 * milliseconds: without this, sign-in alone would cap the service at a few dozen requests a second.
 * A successful check is remembered for a few minutes under an HMAC of user and password with a key
 * made at start-up, so neither the password nor a reusable hash of it is kept.
 * <p>
 * What is remembered is only that this password matched this stored hash (kept as an HMAC too),
 * never the account's state: a remembered check still reads the account (one lookup by primary key,
 * far cheaper than BCrypt) and counts only while the account is enabled and its hash is the one that
 * matched. So an administrator's change takes effect on the very next request, on every node of a
 * cluster, with nothing to invalidate: a disabled account or a reset password falls through to the
 * full check, which refuses it; a changed role or department is signed in as it is now.
 * <p>
 * Requests that bring the same user and password while their first check is still running wait for
 * it instead of checking too: an integrator's client opening eight connections at once would
 * otherwise pay eight BCrypt checks for one password. A check that fails remembers nothing, so each
 * waiter then makes its own and is refused as it would have been.
 */
final class VerifiedCredentials implements AuthenticationProvider {

    static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;

    /** A check that passed: an HMAC of the stored hash the password matched, and until when it is trusted. */
    private record Entry(String storedHash, long expiresAtNanos) {}

    private final AuthenticationProvider delegate;
    private final UserDetailsService users;
    private final ConcurrentHashMap<String, Entry> verified = new ConcurrentHashMap<>();
    /** The checks running now, by fingerprint; a latch opened when the check ends either way. */
    private final ConcurrentHashMap<String, CountDownLatch> checking = new ConcurrentHashMap<>();
    /** Requests waiting for another's check of the same password now (for the tests). */
    final AtomicInteger waiting = new AtomicInteger();
    private final SecretKeySpec key;
    /**
     * One keyed MAC per thread: looking up the algorithm and initialising it with the key cost more than
     * the digest itself, twice on every request.
     */
    private final ThreadLocal<Mac> macs;

    VerifiedCredentials(AuthenticationProvider delegate, UserDetailsService users) {
        this.delegate = delegate;
        this.users = users;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!(authentication.getCredentials() instanceof String password)) {
            return delegate.authenticate(authentication);
        }
        String fingerprint = fingerprint(authentication.getName(), password);
        Authentication remembered = remembered(fingerprint, authentication);
        if (remembered != null) {
            return remembered;
        }
        CountDownLatch mine = new CountDownLatch(1);
        CountDownLatch running = checking.putIfAbsent(fingerprint, mine);
        if (running != null) {
            awaitOtherCheck(running);
            remembered = remembered(fingerprint, authentication);
            if (remembered != null) {
                return remembered;
            }
        }
        try {
            return check(fingerprint, authentication);
        } finally {
            if (running == null) {
                checking.remove(fingerprint, mine);
                mine.countDown();
            }
        }
    }

    /** Signed in from a check remembered for this fingerprint, or null (none, expired, or the account changed). */
    private Authentication remembered(String fingerprint, Authentication authentication) {
        Entry entry = verified.get(fingerprint);
        if (entry == null) {
            return null;
        }
        if (System.nanoTime() - entry.expiresAtNanos() < 0) {
            UserDetails current = stillAsVerified(authentication.getName(), entry.storedHash());
            if (current != null) {
                UsernamePasswordAuthenticationToken result =
                        UsernamePasswordAuthenticationToken.authenticated(current, null, current.getAuthorities());
                result.setDetails(authentication.getDetails());
                return result;
            }
        }
        verified.remove(fingerprint, entry);
        return null;
    }

    /** The full check (BCrypt), remembered when it passes. */
    private Authentication check(String fingerprint, Authentication authentication) {
        long now = System.nanoTime();
        Authentication result = delegate.authenticate(authentication);
        if (result != null && result.isAuthenticated() && result.getPrincipal() instanceof UserDetails user
                && user.getPassword() != null) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(fingerprint, new Entry(fingerprint(user.getUsername(), user.getPassword()),
                    now + TIME_TO_LIVE.toNanos()));
        }
        return result;
    }

    /** Waits for another request's check of the same password; past a few seconds, checks anyway. */
    private void awaitOtherCheck(CountDownLatch running) {
        waiting.incrementAndGet();
        try {
            running.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** The account as it is now, or null when it is gone, disabled, locked or has another password. */
    private UserDetails stillAsVerified(String username, String storedHash) {
        UserDetails current;
        try {
            current = users.loadUserByUsername(username);
        } catch (UsernameNotFoundException e) {
            return null;
        }
        boolean usable = current.isEnabled() && current.isAccountNonLocked() && current.isAccountNonExpired()
                && current.isCredentialsNonExpired();
        return usable && current.getPassword() != null
                && storedHash.equals(fingerprint(current.getUsername(), current.getPassword())) ? current : null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private String fingerprint(String username, String password) {
        // doFinal leaves the MAC reset, ready for the next input under the same key
        byte[] digest = macs.get().doFinal((username + '\u0000' + password).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
