package org.sanfu.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
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
 */
final class VerifiedCredentials implements AuthenticationProvider {

    static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;

    /** A check that passed: an HMAC of the stored hash the password matched, and until when it is trusted. */
    private record Entry(String storedHash, long expiresAtNanos) {}

    private final AuthenticationProvider delegate;
    private final UserDetailsService users;
    private final ConcurrentHashMap<String, Entry> verified = new ConcurrentHashMap<>();
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
        long now = System.nanoTime();
        Entry entry = verified.get(fingerprint);
        if (entry != null && now - entry.expiresAtNanos() < 0) {
            UserDetails current = stillAsVerified(authentication.getName(), entry.storedHash());
            if (current != null) {
                UsernamePasswordAuthenticationToken result =
                        UsernamePasswordAuthenticationToken.authenticated(current, null, current.getAuthorities());
                result.setDetails(authentication.getDetails());
                return result;
            }
        }
        if (entry != null) {
            verified.remove(fingerprint);
        }
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
