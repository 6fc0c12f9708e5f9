package org.sanfu.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * HTTP Basic sends the password with every request, and checking a BCrypt hash costs tens of
 * milliseconds: without this, sign-in alone would cap the service at a few dozen requests a second.
 * A successful check is remembered for a few minutes under an HMAC of user and password with a key
 * made at start-up, so neither the password nor a reusable hash of it is kept.
 */
final class VerifiedCredentials implements AuthenticationProvider {

    static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;

    private record Entry(Authentication authentication, long expiresAtNanos) {}

    private final AuthenticationProvider delegate;
    private final ConcurrentHashMap<String, Entry> verified = new ConcurrentHashMap<>();
    private final SecretKeySpec key;

    VerifiedCredentials(AuthenticationProvider delegate) {
        this.delegate = delegate;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
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
            return entry.authentication();
        }
        Authentication result = delegate.authenticate(authentication);
        if (result != null && result.isAuthenticated()) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(fingerprint, new Entry(result, now + TIME_TO_LIVE.toNanos()));
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private String fingerprint(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((username + '\u0000' + password).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
